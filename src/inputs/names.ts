// Every input and output name, with the default the code applies when the input is empty.
// action.yml must declare the same names and defaults; test/unit/action-yml.test.ts checks it.

export const INPUT_DEFAULTS = {
  operation: '',
  dry_run: 'false',
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
  // deploy: waiting for the rollout
  wait: 'true',
  timeout: '10m',
  poll_interval: '5s',
  traffic: '',
} as const;

export type InputName = keyof typeof INPUT_DEFAULTS;

export const OUTPUT_NAMES = ['run_id', 'version_name', 'service_created', 'status', 'image_url', 'duration_seconds'] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

export const OPERATIONS = ['deploy', 'delete-versions', 'clean-containers'] as const;

export type Operation = (typeof OPERATIONS)[number];

/** Masked before anything is logged. */
export const SECRET_INPUTS: readonly InputName[] = [
  'access_token',
  'component_appid',
  'component_appsecret',
  'component_verify_ticket',
];
