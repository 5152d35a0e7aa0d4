import { createRequire } from 'node:module';

export type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null };

export interface AjvInstance {
  compile(schema: object): Validate;
}

type AjvModule = { default: new (options: object) => AjvInstance };

/** ajv costs tens of milliseconds to load; only runs that set rule options pay for it. */
export function ajvLibrary(): AjvModule {
  return createRequire(import.meta.url)('ajv') as AjvModule;
}
