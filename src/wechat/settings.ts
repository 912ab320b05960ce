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

/**
 * What a new image version runs with: the rolling-update fields the inputs give, typed.
 * Unset fields are left to the platform (rolling update) or copied from the serving version (new
 * version); src/wechat/bodies.ts writes them in each API's own types.
 */
export interface RolloutSettings {
  /** The version a rolling update replaces: a version name, or latest for the newest one. */
  readonly replaces: string;
  readonly flowRatio?: number;
  /** Cores and GB as the user wrote them ("0.25"): the rolling update takes them as text. */
  readonly cpu?: string;
  readonly mem?: string;
  readonly minNum?: number;
  readonly maxNum?: number;
  readonly policyType?: string;
  readonly policyThreshold?: string;
  readonly containerPort?: number;
  /** env_vars as the JSON text env_params carries; its values are secrets. */
  readonly envParams?: string;
  readonly customLogs?: string;
  readonly initialDelaySeconds?: number;
  readonly versionRemark?: string;
  /** deploy_options: the other rolling-update fields, checked against their documented types. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** establishcloudbaserunserver's fields beyond env_id and service_name (docs/platform-facts.md#create-service). */
export interface ServiceSettings {
  readonly isPublic: boolean;
  readonly remark?: string;
  /** service_options: the other fields, checked against their documented types. */
  readonly options: Readonly<Record<string, unknown>>;
}
