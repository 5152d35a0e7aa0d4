/**
 * One schema model for both sources kubegate validates against: the bundled Kubernetes
 * definitions (compiled lazily from the compact form, field by field) and the `openAPIV3Schema`
 * of a CustomResourceDefinition. The validator walks it alongside the object.
 */

export type NodeKind =
  | 'object'
  /** Any mapping, whatever its keys (an embedded raw object, managed fields). */
  | 'free-object'
  | 'array'
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  /** `x-kubernetes-int-or-string`, IntOrString: an integer or a string. */
  | 'int-or-string'
  /** A resource quantity: a string the API server parses (`500m`, `1Gi`) or a number. */
  | 'quantity'
  /** Anything: no type is given and unknown fields are preserved, or the value is arbitrary JSON. */
  | 'any';

/** A mapping's fields, looked up by name: built-in definitions resolve each field on first use. */
export interface Properties {
  get(name: string): SchemaNode | undefined;
  names(): readonly string[];
}

/** Value validations of a CRD schema, beyond the type. */
export interface ValueChecks {
  pattern?: { source: string; regex: RegExp };
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
}

export interface SchemaNode {
  kind: NodeKind;
  /** `int32`, `int64`, `byte`, `date-time` for built-ins; a CRD's own format is kept but not checked. */
  format?: string;
  /** The definition a built-in node comes from (`core.v1.Container`), for messages and version lookups. */
  definition?: string;
  properties?: Properties;
  required?: readonly string[];
  /** The schema of every value of a map (keys not among the properties). */
  additional?: SchemaNode;
  /** `x-kubernetes-preserve-unknown-fields`: fields outside the schema are kept, not errors. */
  preserveUnknown?: boolean;
  /** `x-kubernetes-embedded-resource`: an object with its own apiVersion, kind and metadata. */
  embedded?: boolean;
  items?: SchemaNode;
  enum?: readonly unknown[];
  /** A null value is a value here, not the absence of one. */
  nullable?: boolean;
  checks?: ValueChecks;
  allOf?: readonly SchemaNode[];
  anyOf?: readonly SchemaNode[];
  oneOf?: readonly SchemaNode[];
  not?: SchemaNode;
  /**
   * Set by `schemaNode` for nodes that any value of one JavaScript type satisfies (`'string'` for
   * a plain string field, `'*'` for any value): most leaves of a manifest are such, and the
   * validator passes them without a call.
   */
  plain?: 'string' | 'boolean' | '*' | undefined;
}

/**
 * A node with every field present, in one order: the validator reads the same few fields of
 * every node it meets, and nodes of one shape keep those reads fast (V8 gives objects built
 * with different fields different hidden classes, and a read site that sees many of them slows
 * down several times).
 */
export function schemaNode(init: SchemaNode): SchemaNode {
  const restricted = init.enum !== undefined || init.checks !== undefined || init.allOf !== undefined || init.anyOf !== undefined || init.oneOf !== undefined || init.not !== undefined;
  const plain = restricted || init.format !== undefined ? undefined : init.kind === 'string' ? 'string' : init.kind === 'boolean' ? 'boolean' : init.kind === 'any' ? '*' : undefined;
  return {
    kind: init.kind,
    format: init.format,
    definition: init.definition,
    properties: init.properties,
    required: init.required,
    additional: init.additional,
    preserveUnknown: init.preserveUnknown,
    embedded: init.embedded,
    items: init.items,
    enum: init.enum,
    nullable: init.nullable,
    checks: init.checks,
    allOf: init.allOf,
    anyOf: init.anyOf,
    oneOf: init.oneOf,
    not: init.not,
    plain,
  };
}

export const ANY: SchemaNode = schemaNode({ kind: 'any' });
