import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export type ConfigValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/**
 * The configuration schema's validator. The bundled CLI gets a standalone one that ajv compiled
 * at build time (scripts/bundle.mjs), so a run with a configuration file never loads ajv; from
 * the sources (tests, the library) it is compiled here, from the same schema file.
 */
export function configValidator(): ConfigValidator {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as { default: new (options: object) => { compile(schema: object): ConfigValidator } };
  return new Ajv.default({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath(), 'utf8')) as object);
}

/** schemas/config.schema.json, two folders above this module in the sources and three in dist/. */
function schemaPath(): string {
  for (const relative of ['../../schemas/config.schema.json', '../../../schemas/config.schema.json']) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('kubegate could not find schemas/config.schema.json; reinstall it');
}
