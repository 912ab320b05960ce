// What WeChat's names and statuses look like: text from an answer in any other shape is not used
// (not as an output, not in a summary), since a later step may put outputs in a shell script.

/** Version names: "test-012", "ss-006" in the docs (docs/platform-facts.md), "latest" as an input. */
export const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Version statuses as words (normal, build_fail): what src/wechat/version-status.ts knows; any other text is unknown. */
export const VERSION_STATUS = /^[A-Za-z0-9_-]{0,40}$/;

/** Autoscaling policy types (cpu, mem in the SDK's sample): a word, or it is not copied. */
export const POLICY_TYPE = /^[a-z_]{1,20}$/i;

/** image_url of a version detail: an image reference such as ccr.ccs.tencentyun.com/ns/repo:tag or …@sha256:…. Empty when absent. */
export const IMAGE_URL = /^[A-Za-z0-9._/:@+-]{0,512}$/;

/** run_id: "1mz98HwJmGdACf" in the SDK's sample; anything else is not shown or used. */
export const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Service names: letters, digits and dashes, at most 40 (the service_name input's rule). */
export const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/i;
