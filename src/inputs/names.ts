import { closestName } from '../closest-name.ts';
import { quoted } from '../errors.ts';
import { t } from '../messages/messages.ts';

// Every input and output name, with the default the code applies when the input is empty.
// action.yml must declare the same names and defaults; test/unit/action-yml.test.ts checks it.

export const INPUT_DEFAULTS = {
  operation: '',
  language: 'en',
  dry_run: 'false',
  request_timeout: '30s',
  retry_budget: '2m',
  allow_insecure_http: 'false',
  // WeChat third-party platform
  wechat_api_url: 'https://api.weixin.qq.com',
  access_token: '',
  component_appid: '',
  component_appsecret: '',
  component_verify_ticket: '',
  env_id: '',
  service_name: '',
  // deploy
  image: '',
  image_is_public: 'false',
  version_name: 'latest',
  flow_ratio: '',
  cpu: '',
  mem: '',
  min_num: '',
  max_num: '',
  policy_type: '',
  policy_threshold: '',
  container_port: '',
  env_vars: '',
  custom_logs: '',
  initial_delay_seconds: '',
  version_remark: '',
  deploy_options: '',
  create_service: 'false',
  is_public: 'false',
  service_remark: '',
  service_options: '',
  // delete-versions
  versions: '',
  keep_latest: '',
  version_pattern: '',
  exclude_pattern: '',
  delete_service: 'false',
  delete_image: 'false',
  // delete-versions and clean-containers
  older_than: '',
  concurrency: '4',
  // AI compute platform (Sugon AC / SCNet)
  ai_api_url: '',
  ac_api_url: 'https://www.scnet.cn',
  scnet_api_url: 'https://api.scnet.cn',
  ai_token: '',
  ai_user: '',
  ai_password: '',
  ai_org_id: '',
  ai_access_key: '',
  ai_secret_key: '',
  ai_cluster_id: '',
  // clean-containers
  container_ids: '',
  container_status: '',
  container_name_pattern: '',
  task_type: '',
  batch_size: '100',
  // deploy: waiting for the rollout
  wait: 'true',
  timeout: '10m',
  poll_interval: '5s',
  traffic: '',
  // deploy strategies, rollback and set-traffic
  strategy: 'rolling',
  canary_interval: '5m',
  health_url: '',
  rollback_to: '',
  traffic_split: '',
  // GitHub integration
  github_token: '',
  github_deployment: 'false',
  github_environment: '',
  environment_url: '',
  deactivate_previous: 'false',
  pr_comment: 'false',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;

export const OUTPUT_NAMES = [
  'run_id',
  'version_name',
  'service_created',
  'status',
  'image_url',
  'duration_seconds',
  'previous_version',
  'deleted_versions',
  'deleted_count',
  'skipped_versions',
  'failed_versions',
  'failed_count',
  'absent_versions',
  'absent_count',
  'services',
  'deleted_containers',
  'failed_containers',
  'report_file',
  'absent_containers',
  'deployment_id',
  'comment_url',
] as const;

export const OPERATIONS = ['deploy', 'rollback', 'set-traffic', 'delete-versions', 'clean-containers'] as const;

export type Operation = (typeof OPERATIONS)[number];

/** "unknown value "deploi" (did you mean deploy?)": the action's and the command's words for a wrong operation. */
export function unknownOperation(operation: string): string {
  const closest = closestName(operation.toLowerCase().replaceAll('_', '-'), OPERATIONS);
  return t('input.unknown_value', { value: quoted(operation, 40), suggestion: closest ? t('input.did_you_mean', { name: closest }) : '' });
}

/** Masked before anything is logged. */
export const SECRET_INPUTS: readonly InputName[] = [
  'access_token',
  'component_appid',
  'component_appsecret',
  'component_verify_ticket',
  'ai_token',
  'ai_password',
  'ai_access_key',
  'ai_secret_key',
  'github_token',
];
