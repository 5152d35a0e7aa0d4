/**
 * One side of bench/schema-choices.ts, in a process of its own so that its cost is a cold run's:
 *   node dist/bench/schema-worker.js kubegate <objects.json>
 *   node dist/bench/schema-worker.js ajv <objects.json> <schemas.json>
 *   node dist/bench/schema-worker.js standalone <objects.json> <validators.cjs>
 * Prints `{setupMs, validateMs, problems}`. Reading the objects is not timed: the linter has them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

interface Item {
  key: string;
  apiVersion: string;
  kind: string;
  object: unknown;
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const [side, objectsFile, artifact] = process.argv.slice(2);
const objects = JSON.parse(readFileSync(objectsFile!, 'utf8')) as Item[];
const require = createRequire(import.meta.url);

let setupMs = 0;
let validateMs = 0;
let problems = 0;

if (side === 'kubegate') {
  const t0 = performance.now();
  const { kindSchema, bundledVersions } = await import('../src/schema/bundle.js');
  const { validate } = await import('../src/schema/validate.js');
  const versionIndex = bundledVersions().length - 1;
  const t1 = performance.now();
  for (const item of objects) {
    const schema = kindSchema(item.apiVersion, item.kind, versionIndex);
    if (schema) problems += validate(schema, item.object).length;
  }
  setupMs = t1 - t0;
  validateMs = performance.now() - t1;
} else if (side === 'ajv') {
  const t0 = performance.now();
  const Ajv = require('ajv') as { default: new (options: object) => { compile(schema: object): Validate } };
  const schemas = JSON.parse(readFileSync(artifact!, 'utf8')) as Record<string, object>;
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  const validators = new Map<string, Validate>();
  for (const key of new Set(objects.map((item) => item.key))) validators.set(key, ajv.compile(schemas[key]!));
  const t1 = performance.now();
  for (const item of objects) {
    const validate = validators.get(item.key)!;
    if (!validate(item.object)) problems += validate.errors?.length ?? 0;
  }
  setupMs = t1 - t0;
  validateMs = performance.now() - t1;
} else if (side === 'standalone') {
  const t0 = performance.now();
  const validators = require(artifact!) as Record<string, Validate>;
  const t1 = performance.now();
  for (const item of objects) {
    const validate = validators[item.key]!;
    if (!validate(item.object)) problems += validate.errors?.length ?? 0;
  }
  setupMs = t1 - t0;
  validateMs = performance.now() - t1;
} else {
  throw new Error(`unknown side ${side}`);
}

process.stdout.write(`${JSON.stringify({ setupMs, validateMs, problems })}\n`);
