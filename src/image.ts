import { t } from './messages/messages.ts';

// Image references, following the grammar of distribution/reference:
//   host[:port]/path[:tag][@algorithm:hex]

const DOMAIN =
  /^(?:localhost|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

export interface ImageInfo {
  /** The full reference, as the platform pulls it. */
  image_url: string;
  server_addr: string;
  repository_name: string;
  /** The tag, or the digest when the reference has no tag. */
  tag_name: string;
  is_public: boolean;
}

/** Parses a full image reference; the registry host and a tag or digest are required. */
export function parseImage(reference: string, isPublic: boolean): ImageInfo {
  const ref = reference.trim();
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const slash = named.indexOf('/');
  const host = named.slice(0, Math.max(slash, 0));
  // As in Docker: the first component is a registry host only if it has a dot or a port, or is localhost.
  if (slash < 0 || !/[.:]|^localhost$/.test(host)) {
    throw new Error(t('input.image_no_host', { ref }));
  }
  if (!DOMAIN.test(host)) throw new Error(t('input.image_bad_host', { host }));
  const rest = named.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  const path = colon >= 0 ? rest.slice(0, colon) : rest;
  const badComponent = path.split('/').find((c) => !PATH_COMPONENT.test(c));
  if (badComponent !== undefined) {
    throw new Error(t('input.image_bad_path', { path }));
  }
  if (tag !== undefined && !TAG.test(tag)) throw new Error(t('input.image_bad_tag', { tag }));
  if (digest !== undefined && !DIGEST.test(digest)) throw new Error(t('input.image_bad_digest', { digest }));
  if (tag === undefined && digest === undefined) {
    throw new Error(t('input.image_no_tag', { ref, named }));
  }
  return {
    image_url: ref,
    server_addr: host,
    repository_name: path,
    tag_name: tag ?? digest!,
    is_public: isPublic,
  };
}
