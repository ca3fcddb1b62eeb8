// CLI process entry (bundled as dist/cli.js): wires main() to the real process; in a pool worker, serves files instead.
import { fileURLToPath } from 'node:url';
import { main } from './cli.js';
import { isScanWorker, serveScanWorker } from './pool/worker.js';
import { setWorkerScript } from './scan.js';

if (isScanWorker()) {
  await serveScanWorker();
} else {
  setWorkerScript(fileURLToPath(import.meta.url));
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
