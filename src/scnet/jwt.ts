/**
 * When a platform token expires, read from its JWT payload locally (the `expireTime` field, epoch
 * milliseconds, a string in the documented examples). Undefined when the token is not a JWT or has
 * no such field: the lifetime is not documented, so nothing is assumed.
 */
export function tokenExpiry(token: string): Date | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const value = (claims as { expireTime?: unknown } | null)?.expireTime;
    const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
    return Number.isFinite(ms) ? new Date(ms) : undefined;
  } catch {
    return undefined;
  }
}
