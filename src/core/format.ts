import type { ObjectPath, ResourceRef } from './types.js';

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Message templates split once at their slots: text, slot as written, slot name, text, … A run
 * formats the same few hundred templates for each of its findings, tens of thousands on a big
 * input. Templates come from rule metadata; the bound only guards against a caller that builds
 * them on the fly.
 */
const splitTemplates = new Map<string, readonly string[]>();
const MAX_SPLIT_TEMPLATES = 10_000;

function split(template: string): readonly string[] {
  let parts = splitTemplates.get(template);
  if (!parts) {
    // Capture groups make split() keep each slot as written and its name after the text before it.
    parts = template.split(/(\{\{\s*(\w+)\s*\}\})/);
    if (splitTemplates.size < MAX_SPLIT_TEMPLATES) splitTemplates.set(template, parts);
  }
  return parts;
}

/** Fills `{{name}}` slots from `data`; a slot without data stays as written, for testers to catch. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  const parts = split(template);
  if (parts.length === 1) return template;
  // Joined rather than concatenated: a message is kept until it is reported, and one flat string
  // is one object to hold where `+=` leaves a tree of pieces that every reporter flattens again.
  const pieces: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i += 3) {
    const value = data?.[parts[i + 1]!];
    pieces.push(value === undefined ? parts[i]! : String(value), parts[i + 2]!);
  }
  return pieces.join('');
}

/** The `{{name}}` slots a message template declares, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]!))];
}

/** `Kind/namespace/name`, or `Kind/name` without a namespace: how findings name a resource. */
export function describeResource(ref: ResourceRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** Keys that read unambiguously after a dot; anything else (`app.kubernetes.io/name`, `x-y`, `$patch`) is quoted. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A path into an object as people write it in kubectl's JSONPath and in docs:
 * `spec.template.spec.containers[0].readinessProbe`, `metadata.annotations["app.kubernetes.io/name"]`.
 * The empty path (the object itself) is the empty string.
 */
export function formatPath(path: ObjectPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * A value as a message shows it: JSON, cut at `maxLength` characters. The walk stops as soon as
 * the text is long enough, so a value that YAML aliases expand into millions of nodes costs no
 * more than a short one.
 */
export function previewValue(value: unknown, maxLength = 80): string {
  let out = '';
  const full = () => out.length > maxLength;
  const visit = (node: unknown): void => {
    if (full()) return;
    if (Array.isArray(node)) {
      out += '[';
      node.some((item, i) => {
        if (i > 0) out += ',';
        visit(item);
        return full();
      });
      out += ']';
    } else if (typeof node === 'object' && node !== null) {
      out += '{';
      Object.entries(node).some(([key, item], i) => {
        out += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
        visit(item);
        return full();
      });
      out += '}';
    } else {
      out += node === undefined ? 'null' : JSON.stringify(node);
    }
  };
  visit(value);
  return full() ? `${out.slice(0, maxLength - 1)}…` : out;
}
