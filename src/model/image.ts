/**
 * Container image references, as container runtimes read them:
 * `[registry[:port]/]repository[:tag][@algorithm:hex]`.
 *
 * Splitting on the first or last `:` is wrong both ways (`registry:5000/app` has a port and no
 * tag), so the reference is taken apart from the right: digest after `@`, then a tag only when
 * its `:` comes after the last `/`, then a registry only when the first component looks like a
 * host. `parseImageReference` returns `undefined` for a string the runtimes would refuse to pull;
 * `splitImageReference` only cuts, for references that still hold placeholders.
 */
export interface ImageReference {
  /** `registry.example:5000`, or undefined when the reference relies on the default registry (Docker Hub). */
  registry?: string;
  /** The path inside the registry, as written: `nginx`, `team/app`. */
  repository: string;
  tag?: string;
  /** `sha256:<hex>`, without the `@`. */
  digest?: string;
}

// Lowercase components joined by `.`, `_`, `__` or runs of `-`; the runtimes reject uppercase here.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
// A DNS name, IPv4 address or bracketed IPv6 address, with an optional port.
const REGISTRY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;
// The runtimes' limit on the name part (registry and repository) of a reference.
const MAX_NAME_LENGTH = 255;

/** The first component names a registry only when it cannot be a Docker Hub user or organisation. */
function isRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/** A reference cut at its delimiters, with no part checked. */
export interface ImageReferenceParts {
  /** Registry and repository together, as written. */
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * Cuts a reference at its `@` and its tag `:` without validating anything, for references that
 * still hold placeholders (`REGION-docker.pkg.dev/PROJECT_ID/app:latest`, `$REGISTRY/app:1.0`)
 * substituted before deploy: their name is not pullable as written, but their tag already is
 * what will run.
 */
export function splitImageReference(text: string): ImageReferenceParts {
  const parts: ImageReferenceParts = { name: text };
  const at = text.indexOf('@');
  if (at !== -1) {
    parts.digest = text.slice(at + 1);
    parts.name = text.slice(0, at);
  }
  const colon = parts.name.lastIndexOf(':');
  if (colon > parts.name.lastIndexOf('/')) {
    parts.tag = parts.name.slice(colon + 1);
    parts.name = parts.name.slice(0, colon);
  }
  return parts;
}

export function parseImageReference(text: string): ImageReference | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  const { name, tag, digest } = splitImageReference(text);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;

  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  const components = name.split('/');
  let registry: string | undefined;
  if (components.length > 1 && isRegistry(components[0]!)) {
    registry = components.shift()!;
    if (!REGISTRY.test(registry)) return undefined;
  }
  if (!components.every((component) => PATH_COMPONENT.test(component))) return undefined;

  const reference: ImageReference = { repository: components.join('/') };
  if (registry !== undefined) reference.registry = registry;
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}
