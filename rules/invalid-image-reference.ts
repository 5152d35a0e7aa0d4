import { createRule } from '../src/engine/builtin-rule.js';
import { readImageReference, splitImageReference, type ImageReferenceProblem } from '../src/model/image.js';
import { templateErrorIn } from '../src/model/template-errors.js';
import { containers, imageSetByTrigger } from '../src/model/workload.js';

type MessageId = 'scheme' | 'whitespace' | 'imageId' | 'notDigest' | 'badTag' | 'nameTooLong' | 'badRegistry' | 'uppercase' | 'badPath' | 'uppercaseNamespace';

const PLACEHOLDER_MARK = /[$<>%]|\{\{|\}\}/;
const NAME_SEPARATOR = /[/.\-:]/;
const HAS_LOWERCASE = /[a-z]/;
const HAS_UPPERCASE = /[A-Z]/;
const EVERY_UPPERCASE = /[A-Z]/g;

/**
 * Substituted before deploy, so not what will be pulled: `$IMAGE`, `${REGISTRY}/app`,
 * `{{ .Values.image }}`, `<registry>/app`, `%IMAGE%`, and names with an all-capitals word such as
 * `REGION-docker.pkg.dev/PROJECT_ID/app` or `IMAGE_NAME`, which guides ask readers to replace.
 */
function holdsPlaceholder(image: string): boolean {
  if (PLACEHOLDER_MARK.test(image)) return true;
  const { name } = splitImageReference(image);
  // Nearly every name is all lowercase, so it has no word of capitals to split out.
  if (!HAS_UPPERCASE.test(name)) return false;
  return name.split(NAME_SEPARATOR).some((token) => !HAS_LOWERCASE.test(token) && (token.match(EVERY_UPPERCASE)?.length ?? 0) >= 2);
}

/** What the reference would be with its repository path (the end of its name) in lowercase, the registry, tag and digest as written. */
function lowercasePath(image: string, path: string): string {
  const { name } = splitImageReference(image);
  return `${name.slice(0, name.length - path.length)}${path.toLowerCase()}${image.slice(name.length)}`;
}

function notDigestFix(image: string, digest: string): string {
  const { name, tag } = splitImageReference(image);
  if (tag === undefined && /^[\w][\w.-]{0,127}$/.test(digest)) return `Write "${name}:${digest}" if "${digest}" is a tag (a tag follows ":").`;
  if (/^[A-Za-z0-9]+:/.test(digest)) return 'Copy the whole digest from the registry: sha256 followed by 64 lowercase hex digits.';
  return 'Pin the image by its digest from the registry, or by a tag after ":".';
}

function diagnose(image: string, problem: Exclude<ImageReferenceProblem, { kind: 'emptyPart' }>): { messageId: MessageId; data: Record<string, string> } {
  switch (problem.kind) {
    case 'scheme':
      return { messageId: 'scheme', data: { scheme: problem.scheme, suggestion: problem.rest } };
    case 'whitespace': {
      const trimmed = image.trim();
      const fix = trimmed !== image && readImageReference(trimmed).reference ? `Write "${trimmed}".` : 'Remove the whitespace.';
      return { messageId: 'whitespace', data: { fix } };
    }
    case 'imageId':
      return { messageId: 'imageId', data: {} };
    case 'digest':
      return { messageId: 'notDigest', data: { digest: problem.digest, fix: notDigestFix(image, problem.digest) } };
    case 'tag':
      return { messageId: 'badTag', data: { tag: problem.tag.length > 40 ? `${problem.tag.slice(0, 40)}…` : problem.tag, length: String(problem.tag.length) } };
    case 'nameLength':
      return { messageId: 'nameTooLong', data: { length: String(problem.length) } };
    case 'registry':
      return { messageId: 'badRegistry', data: { registry: problem.registry } };
    case 'uppercase':
      return { messageId: 'uppercase', data: { path: problem.path, suggestion: lowercasePath(image, problem.path) } };
    case 'path':
      return { messageId: 'badPath', data: { path: problem.path } };
  }
}

export default createRule({
  meta: {
    id: 'invalid-image-reference',
    category: 'images',
    severity: 'error',
    precision: 'very-high',
    description: 'A container image is not a reference the container runtime can parse or pull (`nginx@latest`, `team/MyApp`, `https://registry/app`).',
    rationale:
      'The API server accepts any image string in a pod template; the kubelet parses it only when it is about to pull, and a reference it cannot parse leaves every pod in InvalidImageName, so the rollout never makes progress. Common causes are a tag written after `@` (which must be followed by a digest such as `sha256:` and 64 hex digits), an abbreviated or pasted digest of the wrong length, uppercase letters in the repository path, a URL scheme before the registry, whitespace, and tags with characters a tag cannot hold. A first path component with uppercase letters is read as a registry host, so `MyOrg/app` is pulled from a host named MyOrg. Placeholders substituted before deploy (`$IMAGE`, `{{ … }}`, `<registry>/app`, `PROJECT_ID`) are left alone, and so are empty images and empty parts, which image-empty reports.',
    remediation: 'Write the reference as `[registry[:port]/]repository[:tag][@sha256:<64 hex digits>]`, with a lowercase repository path, no scheme and no whitespace; copy digests whole from the registry.',
    messages: {
      scheme: 'Container "{{container}}" uses image "{{image}}", which starts with the URL scheme "{{scheme}}://": an image reference names its registry without a scheme, so the runtime cannot parse it and its pods fail with InvalidImageName. Write "{{suggestion}}".',
      whitespace: 'Container "{{container}}" uses image "{{image}}", which contains whitespace: no image reference can, so the pod is rejected or fails with InvalidImageName. {{fix}}',
      imageId: 'Container "{{container}}" uses image "{{image}}", 64 hex digits alone, which the kubelet reads as an image ID and refuses as a name, so its pods fail with InvalidImageName. Name the repository and pin it by digest (repository@sha256:…).',
      notDigest: 'Container "{{container}}" uses image "{{image}}", but "{{digest}}" after "@" is not a digest (sha256: followed by 64 lowercase hex digits), so the runtime cannot parse the reference and its pods fail with InvalidImageName. {{fix}}',
      badTag: 'Container "{{container}}" uses image "{{image}}", whose tag "{{tag}}" ({{length}} characters) is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-". The runtime cannot parse it, so its pods fail with InvalidImageName. Use the tag the image was pushed with.',
      nameTooLong: 'Container "{{container}}" uses image "{{image}}", whose registry and repository are {{length}} characters long, over the limit of 255, so the runtime cannot parse it and its pods fail with InvalidImageName. Use the image\'s real name.',
      badRegistry: 'Container "{{container}}" uses image "{{image}}", whose registry "{{registry}}" is not a host name or IP address with an optional numeric port, so the runtime cannot parse it and its pods fail with InvalidImageName. Correct the registry host.',
      uppercase: 'Container "{{container}}" uses image "{{image}}", whose repository path "{{path}}" has uppercase letters, which image references do not allow, so its pods fail with InvalidImageName. Write "{{suggestion}}" (registries store repository names in lowercase).',
      badPath: 'Container "{{container}}" uses image "{{image}}", whose repository path "{{path}}" is not valid: path components are lowercase letters and digits joined by ".", "_", "__" or "-". The runtime cannot parse it, so its pods fail with InvalidImageName. Correct the repository name.',
      uppercaseNamespace: 'Container "{{container}}" uses image "{{image}}": with uppercase letters, "{{host}}" is read as a registry host rather than a Docker Hub namespace, so the pull goes to a host of that name and fails. Write "{{suggestion}}" if it is a Docker Hub namespace.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containers(resource)) {
      const image = ref.container.image;
      // A missing image is left to the API server; a non-string one is a template gone wrong, which the schema reports.
      if (typeof image !== 'string' || holdsPlaceholder(image) || templateErrorIn(image)) continue;
      // OpenShift replaces an image its ImageChange trigger names before any pod runs it.
      if (imageSetByTrigger(resource, ref)) continue;
      const path = [...ref.path, 'image'];
      const reading = readImageReference(image);
      if (reading.problem) {
        // Empty images and empty parts are image-empty's, which names the template value left empty.
        if (reading.problem.kind === 'emptyPart') continue;
        const { messageId, data } = diagnose(image, reading.problem);
        context.report({ messageId, data: { ...data, container: ref.name, image }, path });
        continue;
      }
      const host = reading.reference.registry;
      // A first component is a host when it has a dot, a port or is localhost; otherwise only its uppercase letters made it one.
      if (host !== undefined && !/[.:[]/.test(host) && host !== 'localhost') {
        const suggestion = `${host.toLowerCase()}${image.slice(host.length)}`;
        context.report({ messageId: 'uppercaseNamespace', data: { container: ref.name, image, host, suggestion }, path });
      }
    }
  },
});
