import type { Rule } from './types.js';

/** Identity at run time; at compile time it ties a rule's `report` calls to its own message ids. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = data?.[name];
    return value === undefined ? whole : String(value);
  });
}
