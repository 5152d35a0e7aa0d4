import { memoizeText } from '../core/memo.js';

/**
 * Container image references, as container runtimes read them:
 * `[registry[:port]/]repository[:tag][@algorithm:hex]`.
 *
 * Splitting on the first or last `:` is wrong both ways (`registry:5000/app` has a port and no
 * tag), so the reference is taken apart from the right: digest after `@`, then a tag only when
 * its `:` comes after the last `/`, then a registry only when the first component looks like a
 * host. `parseImageReference` returns `undefined` for a string the runtimes would refuse to pull,
 * `readImageReference` says why; `splitImageReference` only cuts, for references that still hold
 * placeholders.
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
/**
 * The digest algorithms the kubelet and the runtimes accept (those go-digest registers), with the
 * exact length of their lowercase hex: a `sha256` digest of any other length or case (a pasted git
 * commit, an abbreviated digest) or of another algorithm fails to parse.
 */
const DIGESTS: ReadonlyMap<string, RegExp> = new Map([
  ['sha256', /^[0-9a-f]{64}$/],
  ['sha384', /^[0-9a-f]{96}$/],
  ['sha512', /^[0-9a-f]{128}$/],
]);
// A reference that is nothing but 64 hex digits reads as an image ID, which the kubelet refuses as a name.
const IMAGE_ID = /^[0-9a-f]{64}$/;
// `http://`, `docker://`, `oci://`: a URL scheme, which no image reference has.
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
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

/**
 * Why a reference cannot be pulled, as far as its text shows:
 * - `emptyPart`: an empty repository, tag, digest or path component (`:1.0`, `app:`, `team//app`);
 * - `whitespace`: whitespace anywhere in it;
 * - `scheme`: a URL scheme before it (`https://registry.example/app`);
 * - `imageId`: 64 hex digits alone, an image ID rather than a name;
 * - `digest`: what follows `@` is not `algorithm:hex` of the algorithm's length (`app@latest`);
 * - `tag`: a tag with other characters than letters, digits, `_`, `.` and `-`, starting with `.`
 *   or `-`, or longer than 128;
 * - `nameLength`: registry and repository longer than 255 characters;
 * - `registry`: a registry that is no host name, IP address or port (`bad_host.example/app`);
 * - `uppercase`: a repository path with uppercase letters (`team/MyApp`), lowercase otherwise valid;
 * - `path`: a repository path with other characters or separators (`team/app!`, `app.`, `-app`).
 */
export type ImageReferenceProblem =
  | { kind: 'emptyPart' }
  | { kind: 'whitespace' }
  | { kind: 'scheme'; scheme: string; rest: string }
  | { kind: 'imageId' }
  | { kind: 'digest'; digest: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'nameLength'; length: number }
  | { kind: 'registry'; registry: string }
  | { kind: 'uppercase'; path: string }
  | { kind: 'path'; path: string };

export type ImageReferenceReading = { reference: ImageReference; problem?: undefined } | { reference?: undefined; problem: ImageReferenceProblem };

function validDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  const hex = colon === -1 ? undefined : DIGESTS.get(digest.slice(0, colon));
  return hex !== undefined && hex.test(digest.slice(colon + 1));
}

/** Whether a part cut out of a reference is empty, or holds an empty path component. */
function hasEmptyPart({ name, tag, digest }: ImageReferenceParts): boolean {
  return name === '' || tag === '' || digest === '' || name.split('/').includes('');
}

/**
 * Reads a reference the way the kubelet does before it pulls (the distribution reference grammar,
 * as `ParseNormalizedNamed` applies it): the reference, or the first reason it cannot be parsed.
 */
export const readImageReference: (text: string) => ImageReferenceReading = memoizeText(readReference);

function readReference(text: string): ImageReferenceReading {
  const trimmed = text.trim();
  // A scheme is checked first: `https://registry/app` would otherwise read as an empty path component.
  const scheme = SCHEME.exec(trimmed);
  if (scheme) return { problem: { kind: 'scheme', scheme: scheme[1]!, rest: trimmed.slice(scheme[0].length) } };
  if (trimmed === '' || hasEmptyPart(splitImageReference(trimmed))) return { problem: { kind: 'emptyPart' } };
  if (/\s/.test(text)) return { problem: { kind: 'whitespace' } };
  if (IMAGE_ID.test(text)) return { problem: { kind: 'imageId' } };
  const { name, tag, digest } = splitImageReference(text);
  if (digest !== undefined && !validDigest(digest)) return { problem: { kind: 'digest', digest } };
  if (tag !== undefined && !TAG.test(tag)) return { problem: { kind: 'tag', tag } };
  if (name.length > MAX_NAME_LENGTH) return { problem: { kind: 'nameLength', length: name.length } };
  const components = name.split('/');
  let registry: string | undefined;
  if (components.length > 1 && isRegistry(components[0]!)) {
    registry = components.shift()!;
    if (!REGISTRY.test(registry)) return { problem: { kind: 'registry', registry } };
  }
  if (!components.every((component) => PATH_COMPONENT.test(component))) {
    const path = components.join('/');
    const lower = path.toLowerCase();
    return { problem: lower !== path && lower.split('/').every((component) => PATH_COMPONENT.test(component)) ? { kind: 'uppercase', path } : { kind: 'path', path } };
  }

  const reference: ImageReference = { repository: components.join('/') };
  if (registry !== undefined) reference.registry = registry;
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return { reference };
}

export function parseImageReference(text: string): ImageReference | undefined {
  return readImageReference(text).reference;
}

/**
 * The tag of an image that names whatever was pushed last: `''` for an untagged image, the tag
 * when it is one of `moving`; undefined when a version tag or a digest pins the image.
 *
 * A name with placeholders (`PROJECT_ID`, `$REGISTRY`) is substituted before deploy but keeps its
 * tag, so `:latest` is still what will run. Without a tag the whole string may be the placeholder
 * (`$IMAGE`, `<image>`), so only a moving tag counts there. An image with no name at all
 * (`:latest`) cannot be pulled: image-empty reports that, for its cause.
 */
export function movingTag(image: string, moving: ReadonlySet<string>): string | undefined {
  const parsed = parseImageReference(image);
  if (parsed) {
    if (parsed.digest !== undefined) return undefined;
    if (parsed.tag === undefined) return '';
    return moving.has(parsed.tag) ? parsed.tag : undefined;
  }
  const parts = splitImageReference(image);
  return parts.name !== '' && parts.tag !== undefined && moving.has(parts.tag) && parts.digest === undefined ? parts.tag : undefined;
}
