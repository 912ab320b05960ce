import { saysNotFound } from '../http/platform-error.ts';
import type { WechatApiError } from './client.ts';

// componenttcb documents no errcode for "not found", "already exists" or "a release is running", so these are
// recognised by the errmsg text. This is the one place to correct when the real codes are known.
const ALREADY_EXISTS = /already\s*exists?|已存在|ResourceInUse\.\w*Exist/i;
// Another release of the service is running (WeChat's CLI says "当前已有部署发布任务运行中").
// "ResourceInUse" alone, not ResourceInUse.…Exist, which means the service already exists.
const RELEASE_IN_PROGRESS = /运行中|进行中|in\s*progress|ResourceInUse(?!\.\w*Exist)/i;

export function isNotFound(err: WechatApiError): boolean {
  return saysNotFound(err.errmsg);
}

export function isAlreadyExists(err: WechatApiError): boolean {
  return ALREADY_EXISTS.test(err.errmsg);
}

/** No errcode is documented for it; add it here when it is known. */
const RELEASE_IN_PROGRESS_ERRCODES = new Set<number>();

export function isReleaseInProgress(err: WechatApiError): boolean {
  return RELEASE_IN_PROGRESS_ERRCODES.has(err.errcode) || RELEASE_IN_PROGRESS.test(err.errmsg);
}
