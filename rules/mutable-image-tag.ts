import { createRule } from '../src/engine/builtin-rule.js';
import { movingTag } from '../src/model/image.js';
import { containers, imageSetByTrigger, isHelmTestHook } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'mutable-image-tag',
    category: 'images',
    severity: 'warning',
    precision: 'high',
    securitySeverity: 3.5,
    description: 'A container image has no tag or a moving tag such as `latest`, and no digest.',
    rationale: 'An untagged or `latest` image names whatever was pushed last, not a build: each node runs the image it happened to pull, so two replicas of one Deployment can run different code, and "redeploy the previous version" becomes guesswork because the manifest never said which version ran. Anyone who can push to the registry can also repoint the tag at an image nobody reviewed, and every restarted pod runs it.',
    remediation: 'Pin every image to a version tag (`app:1.4.2`) or a digest (`app@sha256:…`, optionally after the tag), and change it on each release.',
    messages: {
      untagged: 'Container "{{container}}" uses image "{{image}}" with no tag, which means whatever `latest` was when each node pulled it: nodes can run different builds and rolling back to the previous version becomes guesswork. Pin a version tag or a digest (@sha256:...).',
      latest: 'Container "{{container}}" uses image "{{image}}" with the tag `{{tag}}`, which moves with every push: nodes can run different builds and rolling back to the previous version becomes guesswork. Pin a version tag or a digest (@sha256:...).',
    },
    appliesTo: 'workloads',
    // Per-run state (the tag set) lives in create(); the rule still looks at one resource at a time.
    scope: 'resource',
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          mutableTags: {
            description: 'Tags that name whatever was pushed last rather than one build (for example main, edge, stable).',
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
          },
        },
      },
      defaults: { mutableTags: ['latest'] as string[] },
    },
  },
  create(context) {
    const moving = new Set(context.options.mutableTags);
    return {
      check(resource) {
        // `helm test` pods are run once and thrown away: no rollout to roll back.
        if (isHelmTestHook(resource)) return;
        for (const ref of containers(resource)) {
          const image = ref.container.image;
          // A missing image is legal in a pod template: tooling fills it in later.
          if (typeof image !== 'string') continue;
          // The trigger deploys the image stream tag's image by digest, whatever tag is written.
          if (imageSetByTrigger(resource, ref)) continue;
          const tag = movingTag(image, moving);
          if (tag === undefined) continue;
          context.report({
            messageId: tag === '' ? 'untagged' : 'latest',
            data: tag === '' ? { container: ref.name, image } : { container: ref.name, image, tag },
            path: [...ref.path, 'image'],
          });
        }
      },
    };
  },
});
