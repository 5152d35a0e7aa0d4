import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Standard output written with plain blocking writes. `process.stdout` on a pipe, which is how
 * pre-commit, CI and `| less` run kubegate, is a socket stream whose modules cost a run about
 * 6 ms to load, and the tty module as much again: a pre-commit hook pays that on every commit.
 */
const STDOUT = 1;
const retryAfter = new Int32Array(new SharedArrayBuffer(4));

/** Whether standard output is a terminal; only a character device can be one, so nothing is loaded otherwise. */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(STDOUT).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(STDOUT);
}

/**
 * Writes all of `text`, waiting out a descriptor another process left non-blocking. A reader that
 * went away (`kubegate … | head`) ends the run quietly; any other failure ends it with exit 2.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(STDOUT, bytes, written, bytes.length - written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(retryAfter, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.stderr.write(`kubegate: error: cannot write to standard output: ${code ?? String(error)}\n`);
      process.exit(2);
    }
  }
}
