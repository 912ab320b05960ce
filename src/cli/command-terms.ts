// The action's messages name its inputs the way a workflow writes them (`rollback_to`,
// `create_service: true`); the command takes flags (--rollback-to, --create-service) and secrets
// from CLOUDRUN_ variables. The command's terminal host (src/cli/main.ts) rewrites them here, once,
// for every warning and error it prints, so no message needs a second wording.
import { SECRET_INPUTS, type InputName } from '../inputs/names.ts';
import { LANGUAGES, textIn } from '../messages/messages.ts';
import { BOOLEAN_INPUTS, CLI_INPUTS, envVarOf, flagOf } from './names.ts';

/** How the command spells an input: a secret as its variable, the rest as a flag. */
const spelled = (name: InputName): string => (SECRET_INPUTS.includes(name) ? envVarOf(name) : flagOf(name));

const byLength = [...CLI_INPUTS].sort((a, b) => b.length - a.length);
const alternatives = (names: readonly InputName[]) => names.join('|');

// `name`, as input problems and some messages quote an input: always an input.
const QUOTED = new RegExp(`\`(${alternatives(byLength)})\``, 'g');
// name: value, the workflow's way of giving a value, when the value is one (true, 10, new-version).
const GIVEN = new RegExp(`\\b(${alternatives(byLength)}): (true|false|\\d[\\w.,%]*|rolling|new-version)\\b`, 'g');
// A bare name with an underscore (rollback_to, keep_latest) is an input; not a possessive's noun
// ("an authorizer's access_token", "授权方的 access_token") nor part of a longer name (component_access_token).
const BARE = new RegExp(`(?<![\\w$'-]|'s |的 ?)(${alternatives(byLength.filter((n) => n.includes('_')))})(?![\\w-])`, 'g');
// A name that is also an English word (timeout, versions) only after a verb asking for it.
const ASKED = new RegExp(`\\b(raise|give|set|use) (${alternatives(byLength.filter((n) => !n.includes('_')))})\\b`, 'g');

// The lines that are the action's own advice: a hint (in any language), and each line of the input
// problems. Other lines can quote a platform (an errmsg, a field such as flow_ratio) and keep their words.
const HINTS = LANGUAGES.map((language) => textIn(language, 'run.hint', { hint: '' }));
const isAdvice = (line: string) => /^\s+- `/.test(line) || HINTS.some((hint) => line.startsWith(hint));

/** A message of the action, in the command's words: see the module comment. */
export function inCommandTerms(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const quoted = line.replace(QUOTED, (_, name: InputName) => `\`${spelled(name)}\``);
      if (!isAdvice(line)) return quoted;
      return quoted
        .replace(GIVEN, (_, name: InputName, value: string) =>
          BOOLEAN_INPUTS.has(name) && value === 'true' ? spelled(name) : `${spelled(name)} ${value}`,
        )
        .replace(BARE, (name) => spelled(name as InputName))
        .replace(ASKED, (_, verb: string, name: InputName) => `${verb} ${spelled(name)}`);
    })
    .join('\n');
}
