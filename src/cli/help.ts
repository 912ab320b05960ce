// `cloudrun-release --help`: the flags grouped by operation, a line each. Every input of action.yml
// but the GitHub-only ones is listed (test/unit/cli-help.test.ts checks it), and each operation
// needs its section, so a new input or operation cannot be left out unnoticed.
import { INPUT_DEFAULTS, OPERATIONS, SECRET_INPUTS, type InputName, type Operation } from '../inputs/names.ts';
import { REPOSITORY } from '../docs.ts';
import { BOOLEAN_INPUTS, envVarOf, flagOf } from './names.ts';

/** Inputs that only mean something on GitHub (Deployments, pull-request comments): not shown. */
export const GITHUB_ONLY: readonly InputName[] = [
  'github_token',
  'github_deployment',
  'github_environment',
  'environment_url',
  'deactivate_previous',
  'pr_comment',
];

/** One line of help: the inputs it is about (two related ones may share it), their value, and what they do. */
type Line = readonly [inputs: readonly InputName[], value: string, text: string];

const OPERATION_SUMMARY: Record<Operation, string> = {
  deploy: 'ship an image to a WeChat Cloud Hosting service, wait until it is up, move traffic to it',
  rollback: 'send all traffic back to an earlier version',
  'set-traffic': "set the traffic split between a service's versions",
  'delete-versions': 'delete old versions of a service, or of each service a pattern selects',
  'clean-containers': 'delete finished containers on the AI compute platform (SCNet / Sugon AC)',
};

const EVERY_OPERATION: readonly Line[] = [
  [['dry_run'], '', 'show what would change; send nothing that changes it'],
  [['language'], 'LANG', 'messages in en, or zh-CN (简体中文; also LANG=zh_CN.*)'],
  [['request_timeout'], 'DURATION', 'how long one API request may take'],
  [['retry_budget'], 'DURATION', 'most time one call may spend retrying; 0s: none'],
  [['allow_insecure_http'], '', 'allow http:// API URLs to hosts other than this one'],
];

const WECHAT: readonly Line[] = [
  [['env_id'], 'ID', 'Cloud Hosting environment, e.g. prod-4gxk23no5605e14f'],
  [['service_name'], 'NAME', "the service; delete-versions: also patterns, '*, !old-*'"],
  [['access_token'], '', 'component_access_token, from your token service'],
  [['component_appid'], '', 'or, instead of a token, the platform appid,'],
  [['component_appsecret'], '', 'its appsecret'],
  [['component_verify_ticket'], '', 'and the latest component_verify_ticket'],
  [['wechat_api_url'], 'URL', 'WeChat API base URL'],
];

const BY_OPERATION: Record<Operation, readonly Line[]> = {
  deploy: [
    [['image'], 'IMAGE', 'full reference, e.g. ccr.ccs.tencentyun.com/ns/app:v1.2.0'],
    [['image_is_public'], '', 'the image repository is public'],
    [['strategy'], 'NAME', 'rolling (in place) or new-version'],
    [['traffic'], 'PERCENT', "once ready, the new version's share: 100, 10, or 10,50,100"],
    [['wait'], '', 'wait for the new version to be ready or fail'],
    [['timeout'], 'DURATION', 'how long to wait'],
    [['poll_interval'], 'DURATION', 'how often to look while waiting'],
    [['canary_interval'], 'DURATION', 'new-version: how long each step is watched'],
    [['health_url'], 'URL', 'new-version: checked each step; a failure reverts'],
    [['create_service'], '', 'create the service when it does not exist'],
    [['is_public'], '', 'new service: reachable from the internet'],
    [['service_remark'], 'TEXT', 'new service: its description'],
    [['service_options'], 'JSON', 'new service: image_repo, log_type, vpc_info, …'],
    [['version_name'], 'NAME', 'rolling: the version to replace'],
    [['flow_ratio'], 'PERCENT', "rolling: the update's flow_ratio (the split is --traffic)"],
    [['cpu', 'mem'], 'N', 'CPU cores and memory (GB) per replica, e.g. 0.25 and 0.5'],
    [['min_num', 'max_num'], 'N', 'replicas, 0-50 and 1-50'],
    [['policy_type', 'policy_threshold'], '', 'autoscaling, e.g. cpu and 60'],
    [['container_port'], 'PORT', 'port the container listens on'],
    [['env_vars'], 'VARS', 'KEY=VALUE lines or a JSON object (the values are masked)'],
    [['custom_logs'], 'PATH', 'log collection path, e.g. stdout'],
    [['initial_delay_seconds'], 'N', 'seconds before the first health check'],
    [['version_remark'], 'TEXT', "the new version's remark (the default needs GitHub)"],
    [['deploy_options'], 'JSON', 'the other rolling-update fields'],
  ],
  rollback: [[['rollback_to'], 'VERSION', 'version to serve (default: the one before the serving one)']],
  'set-traffic': [[['traffic_split'], 'SPLIT', 'VERSION=PERCENT lines or a JSON object, adding up to 100']],
  'delete-versions': [
    [['versions'], 'NAMES', 'these versions, by name'],
    [['keep_latest'], 'N', 'all but the N newest'],
    [['older_than'], 'DURATION', 'only those created longer ago than this, e.g. 7d'],
    [['version_pattern'], 'GLOBS', 'only names matching a glob, e.g. shop-api-*'],
    [['exclude_pattern'], 'GLOBS', 'never names matching a glob'],
    [['delete_service'], '', 'with its last version, delete the service'],
    [['delete_image'], '', 'with --delete-service, delete its image too'],
    [['concurrency'], 'N', 'deletions at once, 1-16'],
  ],
  'clean-containers': [
    [['ac_api_url'], 'URL', 'AC API: tokens, AI host lookup'],
    [['ai_api_url'], 'URL', "the cluster's AI host; empty: found through --ac-api-url"],
    [['scnet_api_url'], 'URL', 'SCNet API, for access keys'],
    [['ai_token'], '', 'a cluster token, or:'],
    [['ai_user'], 'NAME', 'platform user, with'],
    [['ai_password'], '', 'its password'],
    [['ai_org_id'], 'ID', 'and its organisation, or with'],
    [['ai_access_key'], '', 'its access key'],
    [['ai_secret_key'], '', 'and secret key'],
    [['ai_cluster_id'], 'ID', 'which cluster, when the user has several; all: each'],
    [['container_ids'], 'IDS', 'these containers, by ID'],
    [['container_status'], 'LIST', 'filter: statuses (default Terminated,Failed,Completed)'],
    [['container_name_pattern'], 'GLOBS', 'filter: names matching a glob, e.g. train-*'],
    [['task_type'], 'LIST', 'filter: task types, e.g. jupyter,ssh'],
    [['older_than'], 'DURATION', 'filter: created longer ago than this, e.g. 2d'],
    [['batch_size'], 'N', 'IDs per DELETE request, 1-150'],
    [['concurrency'], 'N', 'requests at once, 1-16'],
  ],
};

/** Whether an operation talks to WeChat, and so takes the WeChat flags (and needs a whitelisted address). */
export const USES_WECHAT: Record<Operation, boolean> = {
  deploy: true,
  rollback: true,
  'set-traffic': true,
  'delete-versions': true,
  'clean-containers': false,
};

type Section = readonly [title: string, lines: readonly Line[]];

/** The sections of the help, in order: those of one operation, or of all of them. */
export function sections(operation?: Operation): Section[] {
  const operations = operation ? [operation] : OPERATIONS;
  return [
    ['Every operation:', EVERY_OPERATION],
    ...(operations.some((op) => USES_WECHAT[op])
      ? [['WeChat Cloud Hosting (deploy, rollback, set-traffic, delete-versions):', WECHAT] as const]
      : []),
    ...operations.map((op): Section => [`${op}: ${OPERATION_SUMMARY[op]}`, BY_OPERATION[op]]),
  ];
}

/** A secret is shown as its environment variable, the way to give it; anything else as its flag. */
function spelling([inputs, value]: Line): string {
  if (inputs.some((name) => SECRET_INPUTS.includes(name))) return inputs.map(envVarOf).join(', ');
  return inputs.map((name) => `${flagOf(name)}${value ? ` ${value}` : ''}`).join(', ');
}

function note(inputs: readonly InputName[]): string {
  const [name] = inputs;
  if (inputs.length > 1 || !INPUT_DEFAULTS[name] || (BOOLEAN_INPUTS.has(name) && INPUT_DEFAULTS[name] === 'false')) return '';
  return ` (default ${INPUT_DEFAULTS[name]})`;
}

/** The help of every operation, or of one: `cloudrun-release deploy --help`. */
export function helpText(operation?: Operation): string {
  // One width for every operation's help, so they read alike.
  const width = Math.max(...sections().flatMap(([, lines]) => lines.map((line) => spelling(line).length))) + 2;
  const shown = sections(operation).map(
    ([title, lines]) => `${title}\n${lines.map((line) => `  ${spelling(line).padEnd(width)}${line[2]}${note(line[0])}`).join('\n')}`,
  );
  return `Usage: cloudrun-release ${operation ?? '<operation>'} [--flag value …] [--inputs-file FILE] [--json] [--verbose]

Runs the cloudrun-release action outside GitHub Actions (GitLab CI, Jenkins, Gitee Go, a
terminal), with the same inputs, checks, retries and outputs.

Operations: ${OPERATIONS.join(', ')}.
\`cloudrun-release <operation> --help\` shows the flags of one operation.

Options:
  --inputs-file FILE  read inputs from FILE: CLOUDRUN_ENV_ID=… or env_id=… lines
  --json              print the result as one JSON object on stdout; the log goes to stderr
  --verbose           also show debug messages
  -h, --help          show this help

Each input is a flag (--env-id or --env_id) or a CLOUDRUN_ variable (CLOUDRUN_ENV_ID). Flags
win over the environment, the environment over the inputs file. A boolean flag alone means true
(--dry-run). Secrets go in the environment: a flag shows in the process list.

${shown.join('\n\n')}

Exit code: 0 on success, 1 when the operation failed, 2 when the command line is wrong.
Every input explained: https://github.com/${REPOSITORY}#inputs
`;
}
