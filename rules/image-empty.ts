import { createRule } from '../src/engine/builtin-rule.js';
import { splitImageReference } from '../src/model/image.js';
import { metadataMap } from '../src/model/resource.js';
import { templateErrorIn } from '../src/model/template-errors.js';
import { containers, imageSetByTrigger } from '../src/model/workload.js';

/**
 * OpenShift's image triggers fill in a container's image from an image stream; their documented
 * way to leave it for them is `image: " "`, which the API server accepts in a pod template.
 */
const OPENSHIFT_TRIGGERS = 'image.openshift.io/triggers';

/**
 * The parts of a reference that are there but empty: `:1.2.3` (a repository value left empty),
 * `app:` (an empty tag), `app@`, `registry//app`, `registry/:1.0`. Placeholders such as
 * `PROJECT_ID` or `$REGISTRY` are not empty and are left alone: they are substituted before deploy.
 */
function emptyParts(image: string): string[] {
  const { name, tag, digest } = splitImageReference(image);
  const parts: string[] = [];
  if (name === '') {
    parts.push('repository');
  } else {
    const components = name.split('/');
    const last = components.length - 1;
    if (components[last] === '') parts.push(`repository after "${name}"`);
    else if (components.some((component) => component === '')) parts.push(`path segment in "${name}"`);
  }
  if (tag === '') parts.push('tag');
  if (digest === '') parts.push('digest');
  return parts;
}

export default createRule({
  meta: {
    id: 'image-empty',
    category: 'images',
    severity: 'error',
    precision: 'very-high',
    description: 'A container image is empty or blank, or has an empty repository, tag or digest (`:1.2.3`, `app:`, `registry/:1.0`).',
    rationale:
      'A rendered image is empty, or missing one of its parts, when the value a template reads was left empty: `"{{ .Values.image.repository }}:{{ .Values.image.tag }}"` renders `:1.2.3`. The API server refuses an empty image ("image: Required value") and a pod whose image is blank; an image with an empty part is accepted, and every pod then fails with InvalidImageName, as no runtime can parse the reference, so the rollout never makes progress.',
    remediation: 'Set the image values the template reads (repository, registry, tag), or make the template require them (`required`), so the rendered reference is complete: `registry.example/app:1.4.2`.',
    messages: {
      empty: 'Container "{{container}}" has an empty image, so the API server rejects the pod spec ("image: Required value"). Set the image the template reads, or make it required.',
      blank: 'Container "{{container}}" has the blank image "{{image}}", so no pod of it can be created ("must not have leading or trailing whitespace"). Set the image the template reads, or make it required.',
      emptyPart: 'Container "{{container}}" uses image "{{image}}", with an empty {{part}}: no runtime can parse it, so its pods fail with InvalidImageName and never start. Set the value the template reads for it.',
    },
    appliesTo: 'workloads',
  },
  check(resource, context) {
    for (const ref of containers(resource)) {
      const image = ref.container.image;
      // A missing image is another matter: tooling may fill it in, and the API server names it.
      if (typeof image !== 'string') continue;
      // A DeploymentConfig's ImageChange trigger fills it in when it deploys.
      if (imageSetByTrigger(resource, ref)) continue;
      // `%!s(<nil>):1.0` is reported by template-value-error, for its cause.
      if (templateErrorIn(image)) continue;
      const path = [...ref.path, 'image'];
      if (image === '') {
        context.report({ messageId: 'empty', data: { container: ref.name }, path });
      } else if (image.trim() === '') {
        if (resource.groupKind !== 'Pod' && metadataMap(resource, 'annotations')[OPENSHIFT_TRIGGERS] !== undefined) continue;
        context.report({ messageId: 'blank', data: { container: ref.name, image }, path });
      } else {
        const parts = emptyParts(image.trim());
        if (parts.length > 0) context.report({ messageId: 'emptyPart', data: { container: ref.name, image, part: parts.join(' and ') }, path });
      }
    }
  },
});
