// `cloudrun-release --help`, generated from the input list so it cannot fall behind the action.
import { INPUT_DEFAULTS, OPERATIONS, SECRET_INPUTS } from '../inputs/names.ts';
import { BOOLEAN_INPUTS, CLI_INPUTS, envVarOf, flagOf } from './names.ts';

export function helpText(): string {
  const width = Math.max(...CLI_INPUTS.map((name) => flagOf(name).length)) + 2;
  const inputs = CLI_INPUTS.map((name) => {
    const notes = [
      INPUT_DEFAULTS[name] ? `default ${INPUT_DEFAULTS[name]}` : '',
      SECRET_INPUTS.includes(name) ? `secret: use ${envVarOf(name)}` : '',
    ].filter(Boolean);
    return `  ${flagOf(name).padEnd(width)}${notes.join('; ')}`.trimEnd();
  });
  return `Usage: cloudrun-release <operation> [--name value …] [--json] [--env-file FILE] [--verbose] [--help]

Runs the cloudrun-release action outside GitHub Actions (GitLab CI, Jenkins, Gitee Go, a
terminal), with the same inputs, validation, retries and outputs.

Operations: ${OPERATIONS.join(', ')}

Options:
  --json            print the result as one JSON object on stdout; the log goes to stderr
  --env-file FILE   read inputs from FILE: CLOUDRUN_ENV_ID=… or env_id=… lines
  --verbose         also show the action's debug messages
  -h, --help        show this help

Inputs: each as a flag (--env-id or --env_id) or an environment variable (CLOUDRUN_ENV_ID).
Flags win over the environment, the environment over the env file; an empty value counts as not
given. A boolean given as a bare flag (${flagOf([...BOOLEAN_INPUTS][0])}) means true. The README explains each input.

${inputs.join('\n')}

Exit code: 0 on success, 1 when the operation failed, 2 when the command line is wrong.
`;
}
