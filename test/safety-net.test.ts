import { describe, expect, it, vi } from 'vitest';

// A parser bug stands in here for any failure reading one file: the parser throws for one path.
vi.mock('../src/parse/parse.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/parse/parse.js')>();
  return {
    ...original,
    parseDocuments: (source: { path: string }) => {
      if (source.path === 'cursed.yaml') throw new TypeError('boom');
      return original.parseDocuments(source as Parameters<typeof original.parseDocuments>[0]);
    },
  };
});

const { lint } = await import('../src/engine/lint.js');
const { rules } = await import('../rules/index.js');

describe('the last safety net', () => {
  it('turns a failure on one file into a finding on that file, and lints the others', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1"}]\n';
    const result = lint([{ path: 'cursed.yaml', text: pod }, { path: 'fine.yaml', text: pod }], { rules });
    expect(result.findings.filter((f) => f.file === 'cursed.yaml').map((f) => ({ ruleId: f.ruleId, messageId: f.messageId, data: f.data, line: f.range.line, column: f.range.column }))).toEqual([
      { ruleId: 'internal-error', messageId: 'failed', data: { detail: 'TypeError: boom' }, line: 1, column: 1 },
    ]);
    expect(result.findings.some((f) => f.file === 'fine.yaml' && f.ruleId === 'readiness-probe-missing')).toBe(true);
    expect(result.resourceCount).toBe(1);
    expect(result.internalErrors.map((error) => error.message)).toEqual(['reading cursed.yaml failed: TypeError: boom']);
    expect(result.internalErrors[0]!.stack).toContain('boom');
  });
});
