import { createRule } from '../src/engine/builtin-rule.js';
import { movingTag } from '../src/model/image.js';
import { containers, imageSetByTrigger, isHelmTestHook } from '../src/model/workload.js';

export default createRule({
  meta: {
    id: 'pull-policy-not-always',
    category: 'images',
    severity: 'warning',
    precision: 'high',
    description: 'A container runs an image with a moving tag (`latest`, or none) and an imagePullPolicy that does not pull it every time.',
    rationale:
      'A moving tag is only re-read from the registry when the kubelet pulls. Kubernetes defaults the pull policy to Always for `latest` and untagged images for that reason, but `IfNotPresent` keeps whatever image a node pulled first under that tag, and `Never` runs whatever the node has: after a push, old nodes keep the old build and new nodes get the new one, so replicas of one Deployment run different code and a restart does not pick up the fix. Any other tag (including moving ones such as `main` configured in `mutableTags`) defaults to IfNotPresent, so the same happens without any policy written. Images loaded onto the nodes of a local cluster (kind, minikube) with `Never` are the exception: turn the rule off in that environment\'s profile.',
    remediation: 'Pin a version tag or a digest (the better fix, see mutable-image-tag), or set `imagePullPolicy: Always` so every pod start pulls what the tag names now.',
    messages: {
      ifNotPresent: 'Container "{{container}}" uses image "{{image}}" ({{tagText}}) with imagePullPolicy IfNotPresent, so a node that already has an image under that tag never pulls a newer one: nodes run different builds and a push does not reach them. Pin a version tag or digest, or set imagePullPolicy: Always.',
      never: 'Container "{{container}}" uses image "{{image}}" ({{tagText}}) with imagePullPolicy Never, so each node runs whatever image it already has under that tag, or fails with ErrImageNeverPull: nodes run different builds and a push never reaches them. Pin a version tag or digest, or set imagePullPolicy: Always.',
      defaulted: 'Container "{{container}}" uses image "{{image}}" with the moving tag `{{tag}}` and no imagePullPolicy, which defaults to IfNotPresent for every tag but latest: a node that already has an image under that tag never pulls a newer one. Pin a version tag or digest, or set imagePullPolicy: Always.',
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
            description: 'Tags that name whatever was pushed last rather than one build (for example main, edge, stable), as for mutable-image-tag.',
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
        // `helm test` pods run once on whatever node they land on: no replicas to drift apart.
        if (isHelmTestHook(resource)) return;
        for (const ref of containers(resource)) {
          const image = ref.container.image;
          // OpenShift deploys the image an ImageChange trigger names by digest, whatever tag is written.
          if (typeof image !== 'string' || imageSetByTrigger(resource, ref)) continue;
          const tag = movingTag(image.trim(), moving);
          if (tag === undefined) continue;
          const policy = ref.container.imagePullPolicy;
          const tagText = tag === '' ? 'no tag, so latest' : `the moving tag ${tag}`;
          if (policy === 'IfNotPresent' || policy === 'Never') {
            context.report({ messageId: policy === 'Never' ? 'never' : 'ifNotPresent', data: { container: ref.name, image, tagText }, path: [...ref.path, 'imagePullPolicy'] });
          } else if ((policy === undefined || policy === null) && tag !== '' && tag !== 'latest') {
            // The API server defaults the policy to Always only for `latest` and untagged images.
            context.report({ messageId: 'defaulted', data: { container: ref.name, image, tag }, path: [...ref.path, 'image'] });
          }
        }
      },
    };
  },
});
