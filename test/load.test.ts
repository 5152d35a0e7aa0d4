import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import { loadSources, type LoadOptions } from '../src/load/sources.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'kubegate.cjs');
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';

let scratch: string;
let tree: string;
let outside: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'kubegate-load-'));
  tree = path.join(scratch, 'tree');
  outside = path.join(scratch, 'outside');
  mkdirSync(path.join(tree, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(tree, 'ok.yaml'), CONFIG_MAP);
  writeFileSync(path.join(outside, 'secret.yaml'), CONFIG_MAP.replace('name: a', 'name: outside'));
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(tree, 'leak.yaml'));
  symlinkSync(path.join(tree, 'ok.yaml'), path.join(tree, 'sub', 'inside.yaml'));
  symlinkSync('/dev/zero', path.join(tree, 'zero.yaml'));
  symlinkSync(outside, path.join(tree, 'outside-dir'));
  symlinkSync(tree, path.join(tree, 'sub', 'loop'));
  execFileSync('mkfifo', [path.join(tree, 'pipe.yaml')]);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const options = (overrides: Partial<LoadOptions> = {}): LoadOptions => ({ cwd: scratch, readStdin: async () => new Uint8Array(), ...overrides });

describe('walking a folder', () => {
  it('reads regular files and links that stay inside, and skips pipes, devices and links out of the tree', async () => {
    const loaded = await loadSources(['tree'], options());
    expect(loaded.sources.map((source) => source.path)).toEqual(['tree/ok.yaml', 'tree/sub/inside.yaml']);
    expect(loaded.errors).toEqual([]);
    expect(loaded.notices).toEqual([
      'skipped tree/leak.yaml: a symbolic link out of tree (use --follow-symlinks to read it)',
      'skipped tree/outside-dir: a symbolic link out of tree (use --follow-symlinks to read it)',
      'skipped tree/pipe.yaml: a named pipe',
      'skipped tree/zero.yaml: a symbolic link out of tree (use --follow-symlinks to read it)',
    ]);
  });

  it('follows links out of the tree when asked, still never a device found by walking, and never loops', async () => {
    const loaded = await loadSources(['tree'], options({ followSymlinks: true }));
    expect(loaded.sources.map((source) => source.path)).toEqual(['tree/leak.yaml', 'tree/ok.yaml', 'tree/outside-dir/secret.yaml', 'tree/sub/inside.yaml']);
    expect(loaded.notices).toEqual(['skipped tree/pipe.yaml: a named pipe', 'skipped tree/zero.yaml: a device']);
  });

  it('applies the same rules to glob matches, and never hangs on a pipe', async () => {
    const loaded = await loadSources(['*.yaml'], options({ cwd: tree }));
    expect(loaded.sources.map((source) => source.path)).toEqual(['ok.yaml']);
    expect(loaded.notices).toEqual([
      'skipped leak.yaml: a symbolic link out of the working directory (use --follow-symlinks to read it)',
      'skipped pipe.yaml: a named pipe',
      'skipped zero.yaml: a symbolic link out of the working directory (use --follow-symlinks to read it)',
    ]);
  });
});

describe('size limits', () => {
  it('reports a file over the limit with its size, and lints the rest', async () => {
    writeFileSync(path.join(scratch, 'big.yaml'), `${CONFIG_MAP}data:\n  blob: "${'x'.repeat(2000)}"\n`);
    const loaded = await loadSources(['big.yaml', 'tree/ok.yaml'], options({ maxFileBytes: 1000 }));
    const findings = lint(loaded.sources, { rules: [] }).findings;
    expect(findings.map((f) => ({ file: f.file, messageId: f.messageId, line: f.range.line, column: f.range.column, message: f.message }))).toEqual([
      { file: 'big.yaml', messageId: 'tooLarge', line: 1, column: 1, message: 'This file holds 2068 bytes, more than the 1000 bytes limit, so it was not checked. Leave it out, or raise --max-file-size if it really is one manifest stream.' },
    ]);
    expect(loaded.sources.map((source) => source.path)).toEqual(['big.yaml', 'tree/ok.yaml']);
  });

  it('stops reading a device named explicitly at the limit', async () => {
    const loaded = await loadSources(['/dev/zero'], options({ maxFileBytes: 1 << 20 }));
    expect(lint(loaded.sources, { rules: [] }).findings.map((f) => [f.file, f.messageId, f.data])).toEqual([[path.relative(scratch, '/dev/zero'), 'streamTooLarge', { limit: '1 MiB' }]]);
  });

  it('stops reading standard input at the limit', async () => {
    const loaded = await loadSources(['-'], options({ maxFileBytes: 10, readStdin: async (max) => new Uint8Array(max + 1) }));
    expect(lint(loaded.sources, { rules: [] }).findings.map((f) => [f.file, f.messageId])).toEqual([['<stdin>', 'streamTooLarge']]);
  });

  it('reads a named pipe given by name', async () => {
    const fifo = path.join(scratch, 'named.yaml');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '${CONFIG_MAP.replace(/\n/g, '\\n')}' > '${fifo}'`]);
    const loaded = await loadSources([fifo], options());
    writer.kill();
    expect(loaded.sources.map((source) => source.text)).toEqual([CONFIG_MAP]);
  });
});

describe('the CLI on endless input', () => {
  it('`yes | kubegate -` ends with a finding naming the limit', () => {
    const run = spawnSync('sh', ['-c', `yes | "${process.execPath}" "${BIN}" - --max-file-size 2MiB`], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('This input went on past the 2 MiB limit, so it was not checked.');
  });

  it('rejects a malformed --max-file-size', () => {
    const run = spawnSync(process.execPath, [BIN, '-', '--max-file-size', 'lots'], { encoding: 'utf8', input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--max-file-size must be a size such as 64MiB');
  });
});
