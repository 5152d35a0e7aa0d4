import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const depcruise = `${ROOT}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;

function cruise(cwd: string, paths: string[]) {
  return spawnSync(process.execPath, [depcruise, ...paths, '--config', `${ROOT}.dependency-cruiser.cjs`, '--output-type', 'err'], { cwd, encoding: 'utf8' });
}

describe('layers', () => {
  it('src/ and rules/ have no import cycle and each layer imports only the layers below it', () => {
    const result = cruise(ROOT, ['src', 'rules']);
    expect(result.stdout + result.stderr).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('the check catches a cycle and imports that go up a layer', () => {
    // fixtures/layers holds a report module importing the engine, the engine importing it back,
    // and the vocabulary importing the engine.
    const result = cruise(`${ROOT}fixtures/layers`, ['src']);
    expect(result.status).not.toBe(0);
    for (const rule of ['no-cycles', 'report-layer', 'engine-layer', 'core-layer']) expect(result.stdout).toContain(`error ${rule}:`);
  });
});
