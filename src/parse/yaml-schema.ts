import jsyaml from 'js-yaml';

/**
 * YAML 1.2 core types plus merge keys, as the API server's YAML decoder accepts them; timestamps
 * stay strings because Kubernetes fields are never YAML timestamps.
 */
// The merge type is in js-yaml's runtime `types` table, which its type definitions leave out.
const mergeType = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
export const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [mergeType], explicit: [] });
