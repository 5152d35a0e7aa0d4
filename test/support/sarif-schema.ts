import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject } from 'ajv';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `default` is the plugin.
const addFormats = ajvFormats.default;

export const SARIF_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/sarif-schema-2.1.0.json', import.meta.url));

export function readSarifSchema(): AnySchemaObject {
  return JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as AnySchemaObject;
}

/**
 * The schema is draft-04, which Ajv 8 no longer compiles. Its only draft-04-specific constructs
 * are the root `id` (draft-06+ `$id`) and the meta-schema URI; boolean `exclusiveMinimum` and
 * `exclusiveMaximum`, the other incompatibility, do not occur (a test checks). So renaming those
 * two gives a draft-07 schema with the same meaning.
 */
function asDraft07(draft04: AnySchemaObject): AnySchemaObject {
  const { id, $schema, ...rest } = draft04;
  if ($schema !== 'http://json-schema.org/draft-04/schema#') throw new Error(`unexpected SARIF meta-schema ${String($schema)}`);
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest };
}

/** Validates a parsed SARIF log against the official schema; returns `No errors` or every error, one per line. */
export function sarifSchemaValidator(): (log: unknown) => string {
  const ajv = new Ajv({ allErrors: true, strictTypes: true, strictTuples: true });
  addFormats(ajv);
  const validate = ajv.compile(asDraft07(readSarifSchema()));
  return (log) => (validate(log) ? 'No errors' : ajv.errorsText(validate.errors, { separator: '\n' }));
}
