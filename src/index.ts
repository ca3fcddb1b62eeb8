// Action entry point: runs the action, or, in a worker thread started by the scan pool, serves files to scan.
import { fileURLToPath } from 'node:url';
import { isScanWorker, serveScanWorker } from './pool/worker.js';
import { setWorkerScript } from './scan.js';
import { run } from './main.js';

if (isScanWorker()) {
  await serveScanWorker();
} else {
  setWorkerScript(fileURLToPath(import.meta.url));
  await run();
}
