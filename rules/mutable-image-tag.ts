import { createRule } from '../src/engine/builtin-rule.js';
import { parseImageReference, splitImageReference } from '../src/model/image.js';
import { containers } from '../src/model/workload.js';

function mutableTag(image: string): 'none' | 'latest' | undefined {
  const parsed = parseImageReference(image);
  if (parsed) {
    if (parsed.digest !== undefined) return undefined;
    return parsed.tag === undefined ? 'none' : parsed.tag === 'latest' ? 'latest' : undefined;
  }
  // A name with placeholders (`PROJECT_ID`, `$REGISTRY`) is substituted before deploy but keeps
  // its tag, so `:latest` is still what will run. Without a tag the whole string may be the
  // placeholder (`$IMAGE`, `<image>`), so only `latest` is reported here.
  const parts = splitImageReference(image);
  return parts.tag === 'latest' && parts.digest === undefined ? 'latest' : undefined;
}

export default createRule({
  meta: {
    id: 'mutable-image-tag',
    category: 'images',
    severity: 'warning',
    description: 'A container image has no tag or the tag `latest`, and no digest.',
    rationale: 'An untagged or `latest` image names whatever was pushed last, not a build: each node runs the image it happened to pull, so two replicas of one Deployment can run different code, and "redeploy the previous version" becomes guesswork because the manifest never said which version ran.',
    remediation: 'Pin every image to a version tag (`app:1.4.2`) or a digest (`app@sha256:…`, optionally after the tag), and change it on each release.',
    messages: {
      untagged: 'Container "{{container}}" uses image "{{image}}" with no tag, which means whatever `latest` was when each node pulled it: nodes can run different builds and rolling back to the previous version becomes guesswork. Pin a version tag or a digest (@sha256:...).',
      latest: 'Container "{{container}}" uses image "{{image}}" with the tag `latest`, which moves with every push: nodes can run different builds and rolling back to the previous version becomes guesswork. Pin a version tag or a digest (@sha256:...).',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containers(resource)) {
      const image = ref.container.image;
      // A missing image is legal in a pod template: tooling fills it in later.
      if (typeof image !== 'string') continue;
      const tag = mutableTag(image);
      if (tag === undefined) continue;
      context.report({
        messageId: tag === 'none' ? 'untagged' : 'latest',
        data: { container: ref.name, image },
        path: [...ref.path, 'image'],
      });
    }
  },
});
