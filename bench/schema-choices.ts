/**
 * Two ways to validate every resource against the Kubernetes schemas, measured on the same input:
 *
 * - kubegate's: the compact schemas under schemas/kubernetes/, read on first use and compiled a
 *   definition at a time as objects reach them, walked beside each object by src/schema/validate.ts;
 * - ajv, lazily: the same schemas as JSON Schema, one per kind present, compiled when the run starts;
 * - ajv standalone: the same validators compiled ahead of time into code (what a build step would
 *   ship), so a run only loads and calls them.
 *
 * Each side runs in a fresh process (bench/schema-worker.ts), as a CLI run would: the cost that
 * matters is a cold one, schemas read and validators compiled or loaded once, then every resource
 * validated once. Conversion to JSON Schema and the standalone code generation happen here, outside
 * the timings, as a build would do them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../src/engine/model.js';
import { loadSources } from '../src/load/sources.js';
import { bundleIndex, bundledVersions } from '../src/schema/bundle.js';
import { median, table } from './common.js';

const RUNS = 3;

type PoolEntry = [name: string, mask: number, properties: Record<string, string>, required?: string[] | 0, enums?: Record<string, string[]>];

/** A compact type expression as JSON Schema; a null stands for an absent field, as the API server reads it. */
function jsonSchemaOf(expression: string, enumValues: readonly string[] | undefined, used: Set<number>): Record<string, unknown> {
  const nullable = (schema: Record<string, unknown>) => ({ anyOf: [{ type: 'null' }, schema] });
  const head = expression[0]!;
  if (head === '[') return nullable({ type: 'array', items: jsonSchemaOf(expression.slice(1), enumValues, used) });
  if (head === '{') return nullable({ type: 'object', additionalProperties: jsonSchemaOf(expression.slice(1), undefined, used) });
  if (head === '#') {
    const id = Number(expression.slice(1));
    used.add(id);
    return nullable({ $ref: `#/definitions/d${id}` });
  }
  const withEnum = (schema: Record<string, unknown>) => (enumValues ? { ...schema, enum: [null, '', ...enumValues] } : schema);
  switch (expression) {
    case 's':
    case 't':
      return withEnum({ type: ['string', 'null'] });
    case 'B':
      return { type: ['string', 'null'], pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$' };
    case 'i':
      return { type: ['integer', 'null'], minimum: -2147483648, maximum: 2147483647 };
    case 'l':
      return { type: ['integer', 'null'] };
    case 'n':
      return { type: ['number', 'null'] };
    case 'b':
      return { type: ['boolean', 'null'] };
    case 'I':
      return { type: ['integer', 'string', 'null'] };
    case 'q':
      return { anyOf: [{ type: ['number', 'null'] }, { type: 'string', pattern: '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?\\s*$' }] };
    case 'o':
      return { type: ['object', 'null'] };
    default:
      return {};
  }
}

/** One JSON Schema per kind: its root definition and every definition it reaches, strict about unknown fields. */
export function kindJsonSchemas(keys: readonly string[], versionIndex: number, poolFile: string): Record<string, object> {
  const pool = (JSON.parse(readFileSync(poolFile, 'utf8')) as { definitions: PoolEntry[] }).definitions;
  const kinds = bundleIndex().kinds;
  const out: Record<string, object> = {};
  for (const key of keys) {
    const root = kinds[key]?.find(([, mask]) => (mask & (1 << versionIndex)) !== 0)?.[0];
    if (root === undefined) continue;
    const definitions: Record<string, unknown> = {};
    const pending = [root];
    const done = new Set<number>();
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (done.has(id)) continue;
      done.add(id);
      const [, , properties, required, enums] = pool[id]!;
      const used = new Set<number>();
      const converted: Record<string, unknown> = {};
      for (const [name, expression] of Object.entries(properties)) converted[name] = jsonSchemaOf(expression, enums?.[name], used);
      definitions[`d${id}`] = { type: 'object', properties: converted, additionalProperties: false, ...(required ? { required } : {}) };
      for (const next of used) if (!done.has(next)) pending.push(next);
    }
    out[key] = { $ref: `#/definitions/d${root}`, definitions };
  }
  return out;
}

export interface SchemaChoice {
  name: string;
  /** Medians over fresh processes, in milliseconds. */
  setupMs: number;
  validateMs: number;
  totalMs: number;
  problems: number;
  note: string;
}

export interface SchemaChoicesResult {
  input: string;
  resources: number;
  kinds: number;
  choices: SchemaChoice[];
  standaloneBytes: number;
}

interface WorkerOutput {
  setupMs: number;
  validateMs: number;
  problems: number;
}

function runWorker(worker: string, args: string[]): WorkerOutput {
  const child = spawnSync(process.execPath, [worker, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`schema worker ${args[0]} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout) as WorkerOutput;
}

export async function measureSchemaChoices(root: string, input: string): Promise<SchemaChoicesResult> {
  const loaded = await loadSources([input], { cwd: root, readStdin: async () => new Uint8Array() });
  const model = buildModel(loaded.sources);
  const versionIndex = bundledVersions().length - 1;
  const kinds = bundleIndex().kinds;
  const objects = model.resources.filter((resource) => kinds[`${resource.apiVersion} ${resource.kind}`]?.some(([, mask]) => (mask & (1 << versionIndex)) !== 0)).map((resource) => ({ key: `${resource.apiVersion} ${resource.kind}`, apiVersion: resource.apiVersion, kind: resource.kind, object: resource.object }));
  const keys = [...new Set(objects.map((object) => object.key))].sort();

  const scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-schema-bench-'));
  try {
    const objectsFile = path.join(scratch, 'objects.json');
    writeFileSync(objectsFile, JSON.stringify(objects));
    const schemas = kindJsonSchemas(keys, versionIndex, path.join(root, 'schemas', 'kubernetes', 'definitions.json'));
    const schemasFile = path.join(scratch, 'schemas.json');
    writeFileSync(schemasFile, JSON.stringify(schemas));
    // What a build step would ship: the validators of these kinds as code, compiled once by ajv.
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv') as { default: new (options: object) => { compile(schema: object): unknown; addSchema(schema: object, key: string): void } };
    const standalone = (require('ajv/dist/standalone') as { default: (ajv: unknown, refs: Record<string, string>) => string }).default;
    const ajv = new Ajv.default({ allErrors: true, strict: false, code: { source: true } });
    const refs: Record<string, string> = {};
    keys.forEach((key, i) => {
      ajv.addSchema(schemas[key]!, `k${i}`);
      refs[key] = `k${i}`;
    });
    const code = standalone(ajv, refs);
    const standaloneFile = path.join(scratch, 'validators.cjs');
    writeFileSync(standaloneFile, code);

    const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema-worker.js');
    const sides: [string, string[], string][] = [
      ['kubegate: compact schemas, compiled lazily per definition', ['kubegate', objectsFile], 'reads schemas/kubernetes/, compiles what the objects reach'],
      ['ajv: compile per kind present at start', ['ajv', objectsFile, schemasFile], 'loads ajv, compiles one validator per kind present'],
      ['ajv standalone: validators compiled at build time', ['standalone', objectsFile, standaloneFile], `loads ${(Buffer.byteLength(code) / 1e6).toFixed(1)} MB of generated code for ${keys.length} kinds`],
    ];
    const choices: SchemaChoice[] = [];
    for (const [name, args, note] of sides) {
      const runs: WorkerOutput[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(runWorker(worker, args));
      choices.push({
        name,
        setupMs: median(runs.map((run) => run.setupMs)),
        validateMs: median(runs.map((run) => run.validateMs)),
        totalMs: median(runs.map((run) => run.setupMs + run.validateMs)),
        problems: runs[0]!.problems,
        note,
      });
    }
    return { input, resources: objects.length, kinds: keys.length, choices, standaloneBytes: Buffer.byteLength(code) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function describeSchemaChoices(result: SchemaChoicesResult): string {
  const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
  const rows = [['schema validation, cold, one process each', 'setup', 'validate', 'total', 'problems'], ...result.choices.map((choice) => [choice.name, ms(choice.setupMs), ms(choice.validateMs), ms(choice.totalMs), String(choice.problems)])];
  return [
    `schema validation of ${result.resources} built-in resources of ${result.kinds} kinds (${result.input}), medians of ${RUNS} fresh processes:`,
    table(rows),
    ...result.choices.map((choice) => `  ${choice.name}: ${choice.note}`),
    '  problems differ where the JSON Schema form cannot say what kubegate does (null as absent, one finding per problem, placeholders): ajv counts every failing branch of anyOf',
  ].join('\n');
}
