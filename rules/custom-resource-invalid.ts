import { formatPath } from '../src/core/format.js';
import { createRule } from '../src/engine/builtin-rule.js';
import type { Resource } from '../src/model/resource.js';
import { isBuiltinGroup, objectMetaSchema } from '../src/schema/bundle.js';
import { crdFor, crdsOfGroup, CRD_KIND, customResourceSchema, readCrd, schemaDefects, type CrdInfo, type CrdVersion, type SchemaDefect } from '../src/schema/crd.js';
import { describeValue, expectedOf, validate } from '../src/schema/validate.js';
import { listNames, placeOf } from '../src/schema/describe.js';
import { targetOf } from '../src/schema/resource.js';
import { closest } from '../src/schema/suggest.js';

type MessageId = 'unknownField' | 'didYouMean' | 'invalidType' | 'missingRequired' | 'invalidEnum' | 'invalidValue' | 'versionUnknown' | 'versionNotServed' | 'unknownKind' | 'schemaInvalid';

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  byte: 'is not valid base64',
  'date-time': 'is not an RFC 3339 date and time',
  quantity: 'is not a Kubernetes quantity',
  int32: 'does not fit in 32 bits',
};

function crdName(info: CrdInfo): string {
  return info.resource.name;
}

export default createRule<MessageId>({
  meta: {
    id: 'custom-resource-invalid',
    category: 'schema',
    severity: 'error',
    precision: 'high',
    description: 'A custom resource does not match the schema its CustomResourceDefinition gives (in the input, or from `--crds`), or the CRD\'s schema is one the API server rejects.',
    rationale: 'The API server checks a custom resource against its CRD\'s `openAPIV3Schema` for the version written: a wrong type, a missing required field, a value outside an enum or a bound is rejected, and an unknown field is rejected by `kubectl apply` or dropped without a word (so a misspelled setting of a Certificate, a ServiceMonitor or a Rollout silently does nothing). `x-kubernetes-preserve-unknown-fields`, int-or-string fields and embedded resources are understood. A CRD whose schema is not structural, or uses what CRDs do not support (`$ref`, `additionalProperties` beside `properties`), is rejected itself; its resources are then not checked. Custom resources whose CRD is not given are not checked (see `crd-not-found`).',
    remediation: 'Fix the field the message names, as the CRD\'s schema describes it. For a CRD schema problem, fix the CRD (or regenerate it with a current controller-gen). Give CRDs that live elsewhere with `--crds <file-or-folder>` (or `crds` in the configuration).',
    messages: {
      unknownField: '{{parent}} has no field "{{field}}" in the schema of {{crd}}: the API server drops it or rejects the object.',
      didYouMean: '{{parent}} has no field "{{field}}" in the schema of {{crd}}; did you mean "{{suggestion}}"?',
      invalidType: '{{field}} must be {{expected}} (schema of {{crd}}), got {{actual}}.',
      missingRequired: '{{parent}} lacks {{fields}}, which the schema of {{crd}} requires.',
      invalidEnum: '{{field}} is {{value}}; the schema of {{crd}} allows {{allowed}}.',
      invalidValue: '{{field}} {{reason}} (schema of {{crd}}), got {{actual}}.',
      versionUnknown: '{{crd}} defines no version {{version}} of {{kind}} (it defines {{versions}}), so the API server rejects this object.',
      versionNotServed: '{{crd}} does not serve version {{version}} of {{kind}} (served: false), so the API server rejects this object.',
      unknownKind: 'No CustomResourceDefinition in the input defines {{kind}} in {{group}}; did you mean {{suggestion}}, which {{crd}} defines?',
      schemaInvalid: 'The schema of version {{version}} is not one the API server accepts, at {{where}}: {{problem}}. The CRD is rejected, and {{kind}} objects are not checked against it.',
    },
    appliesTo: '*',
    scope: 'set',
  },
  create(context) {
    const { index } = context;
    const target = targetOf(index);
    const defects = new WeakMap<CrdVersion, SchemaDefect[]>();
    const defectsOf = (info: CrdInfo, version: CrdVersion): SchemaDefect[] => {
      let found = defects.get(version);
      if (!found) {
        // v1beta1 schemas did not have to be structural; the API server accepted them as they were.
        found = info.v1 ? schemaDefects(version.schema, version.schemaPath) : [];
        defects.set(version, found);
      }
      return found;
    };
    const reportDefects = (info: CrdInfo, resource?: Resource): void => {
      for (const version of info.versions) {
        for (const defect of defectsOf(info, version)) {
          const where = formatPath(['openAPIV3Schema', ...defect.path.slice(version.schemaPath.length)]);
          context.report({ messageId: 'schemaInvalid', data: { version: version.name, where, problem: defect.message, kind: info.kind }, path: defect.path, on: 'key', ...(resource ? { resource } : {}) });
        }
      }
    };
    const checkCustomResource = (resource: Resource, info: CrdInfo): void => {
      const crd = crdName(info);
      const versionName = resource.apiVersion.slice(resource.apiVersion.indexOf('/') + 1);
      const version = info.versions.find((candidate) => candidate.name === versionName);
      const related = [{ resource: info.resource, path: ['spec', 'names', 'kind'], message: `${crd} defines ${info.kind}` }];
      if (!version) {
        context.report({ messageId: 'versionUnknown', data: { crd, version: versionName, kind: resource.kind, versions: info.versions.map((candidate) => candidate.name).join(', ') || 'none' }, path: ['apiVersion'], related });
        return;
      }
      if (!version.served) {
        context.report({ messageId: 'versionNotServed', data: { crd, version: versionName, kind: resource.kind }, path: ['apiVersion'], related });
        return;
      }
      if (version.schema === undefined || defectsOf(info, version).length > 0) return;
      const schema = customResourceSchema(info, version, objectMetaSchema(target.schemaIndex));
      for (const problem of validate(schema, resource.object)) {
        switch (problem.type) {
          case 'unknownField': {
            const parent = placeOf(problem.path.slice(0, -1), resource.kind);
            const suggestion = closest(problem.field, problem.parent.properties?.names() ?? []);
            if (suggestion) context.report({ messageId: 'didYouMean', data: { parent, field: problem.field, crd, suggestion }, path: problem.path, on: 'key' });
            else context.report({ messageId: 'unknownField', data: { parent, field: problem.field, crd }, path: problem.path, on: 'key' });
            break;
          }
          case 'invalidType':
            context.report({ messageId: 'invalidType', data: { field: placeOf(problem.path, resource.kind), expected: expectedOf(problem.node), actual: describeValue(problem.value), crd }, path: problem.path });
            break;
          case 'invalidFormat':
            context.report({ messageId: 'invalidValue', data: { field: placeOf(problem.path, resource.kind), reason: FORMAT_WORDS[problem.format]!, actual: describeValue(problem.value), crd }, path: problem.path });
            break;
          case 'missingRequired':
            context.report({ messageId: 'missingRequired', data: { parent: placeOf(problem.path, resource.kind), fields: listNames(problem.fields), crd }, path: problem.path, on: 'key' });
            break;
          case 'invalidEnum':
            context.report({ messageId: 'invalidEnum', data: { field: placeOf(problem.path, resource.kind), value: JSON.stringify(problem.value), allowed: problem.allowed.map((value) => JSON.stringify(value)).join(', '), crd }, path: problem.path });
            break;
          case 'invalidValue':
            context.report({ messageId: 'invalidValue', data: { field: placeOf(problem.path, resource.kind), reason: problem.reason, actual: describeValue(problem.value), crd }, path: problem.path });
            break;
        }
      }
    };
    return {
      check(resource) {
        if (resource.groupKind === CRD_KIND) {
          const info = readCrd(resource);
          if (info) reportDefects(info);
          return;
        }
        if (isBuiltinGroup(resource.group)) return;
        const info = crdFor(index, resource.group, resource.kind);
        if (info) return checkCustomResource(resource, info);
        // A group whose CRDs are in the input, and a kind none of them defines but one nearly does.
        const siblings = crdsOfGroup(index, resource.group);
        const suggestion = closest(resource.kind, siblings.map((sibling) => sibling.kind));
        const defining = siblings.find((sibling) => sibling.kind === suggestion);
        if (suggestion && defining) {
          context.report({ messageId: 'unknownKind', data: { kind: resource.kind, group: resource.group, suggestion, crd: crdName(defining) }, path: ['kind'], related: [{ resource: defining.resource, path: ['spec', 'names', 'kind'], message: `${crdName(defining)} defines ${defining.kind}` }] });
        }
      },
      finish() {
        // CRDs given with --crds are no resource of the input: their schema problems are reported here, on their own files.
        for (const resource of index.customResourceDefinitions) {
          const info = readCrd(resource);
          if (info && crdFor(index, info.group, info.kind) === info) reportDefects(info, resource);
        }
      },
    };
  },
});
