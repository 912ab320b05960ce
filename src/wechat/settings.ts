// Where a Cloud Hosting service is, and who calls it.

export type WechatCredentials =
  | { readonly kind: 'token'; readonly access_token: string }
  | {
      readonly kind: 'component';
      readonly component_appid: string;
      readonly component_appsecret: string;
      readonly component_verify_ticket: string;
    };

export interface WechatTarget {
  readonly apiUrl: string;
  readonly credentials: WechatCredentials;
  readonly env_id: string;
  readonly service_name: string;
}
