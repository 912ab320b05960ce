import { redact } from '../secrets.ts';

// Text quoted from an answer (an unreadable body, an HTTP error page, an errmsg) may carry a
// credential the action has not registered yet: a token in an answer that is not in the expected
// shape, or one the platform echoes. Anything shaped like one is hidden, and only then is the text
// cut, so a secret that straddles the cut cannot survive in part.
const CREDENTIAL_SHAPES: readonly [RegExp, string][] = [
  [/(access_token=)[^&\s"'<>)]+/gi, '$1***'],
  [/("(?:component_access_token|access_token|authorizer_access_token|token)"\s*:\s*")(?:[^"\\]|\\.)*"?/gi, '$1***"'],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '***'], // a JWT: its header is base64url of '{"'
];

/** The text with registered secrets and anything shaped like a credential hidden. */
export function scrub(text: string): string {
  let result = redact(text);
  for (const [shape, replacement] of CREDENTIAL_SHAPES) result = result.replace(shape, replacement);
  return result;
}

/** A bounded quote of outside text: scrubbed first, then cut to max characters. */
export function excerpt(text: string, max: number): string {
  const clean = scrub(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
