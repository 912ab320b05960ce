import type { WechatApiError } from './client.ts';

// componenttcb documents no errcode for "not found" or "already exists", so these are
// recognised by the errmsg text. This is the one place to correct when the real codes are known.
const NOT_FOUND = /not\s*(?:found|exists?)|does\s*not\s*exist|no\s*such|不存在|ResourceNotFound/i;
const ALREADY_EXISTS = /already\s*exists?|已存在|ResourceInUse\.\w*Exist/i;

export function isNotFound(err: WechatApiError): boolean {
  return NOT_FOUND.test(err.errmsg);
}

export function isAlreadyExists(err: WechatApiError): boolean {
  return ALREADY_EXISTS.test(err.errmsg);
}
