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
    throw new Error(`"${ref}" has no registry host; give the full reference, e.g. ccr.ccs.tencentyun.com/ns/repo:tag`);
  }
  if (!DOMAIN.test(host)) throw new Error(`"${host}" is not a valid registry host`);
  const rest = named.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  const path = colon >= 0 ? rest.slice(0, colon) : rest;
  const badComponent = path.split('/').find((c) => !PATH_COMPONENT.test(c));
  if (badComponent !== undefined) {
    throw new Error(`repository path "${path}" is invalid (lowercase letters, digits and . _ - separators only)`);
  }
  if (tag !== undefined && !TAG.test(tag)) throw new Error(`tag "${tag}" is invalid`);
  if (digest !== undefined && !DIGEST.test(digest)) throw new Error(`digest "${digest}" is invalid (expected e.g. sha256:<64 hex>)`);
  if (tag === undefined && digest === undefined) {
    throw new Error(`"${ref}" has no tag or digest; pin the version you release, e.g. ${named}:v1.2.3`);
  }
  return {
    image_url: ref,
    server_addr: host,
    repository_name: path,
    tag_name: tag ?? digest!,
    is_public: isPublic,
  };
}
