import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Standard output past this is not kept: the process is stopped and the run says so. */
  maxOutputBytes: number;
}

export type RunResult =
  | { kind: 'exited'; code: number; stdout: Uint8Array; stderr: string }
  | { kind: 'timeout'; stderr: string }
  | { kind: 'too-large'; stderr: string }
  /** The binary could not be started: not there, or not executable. */
  | { kind: 'not-started'; code: string };

/** What is kept of standard error: enough for any error message, bounded whatever a tool prints. */
const MAX_STDERR_BYTES = 256 * 1024;

/**
 * Runs a binary with arguments, never through a shell, so nothing in a path or a value is ever
 * interpreted. Not `execFile`: on a timeout it kills only the process it started, and a wrapper
 * script's children (a `sleep`, a plugin) keep the output pipe open, so the call would wait for
 * them anyway. Here the process leads a group of its own, and the whole group is killed.
 */
export function runTool(binary: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const groups = process.platform !== 'win32';
    let child;
    try {
      child = spawn(binary, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: groups, windowsHide: true });
    } catch (error) {
      resolve({ kind: 'not-started', code: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let settled = false;
    const errorText = () => Buffer.concat(stderr).toString('utf8');
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const stop = () => {
      try {
        if (groups && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const timer = setTimeout(() => {
      stop();
      finish({ kind: 'timeout', stderr: errorText() });
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutputBytes) {
        stop();
        finish({ kind: 'too-large', stderr: errorText() });
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes >= MAX_STDERR_BYTES) return;
      stderr.push(chunk.subarray(0, MAX_STDERR_BYTES - stderrBytes));
      stderrBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      stop();
      finish({ kind: 'not-started', code: error.code ?? error.message });
    });
    child.on('close', (code, signal) => {
      finish({ kind: 'exited', code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(stdout), stderr: errorText() });
    });
  });
}
