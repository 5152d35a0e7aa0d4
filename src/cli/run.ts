import { main } from './main.js';

// A reader that goes away (`kubegate … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`kubegate: error: cannot write to standard output: ${error.code ?? error.message}\n`);
  process.exit(2);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
