// A stand-in scan worker for pool tests: answers like the real one, hangs on hang.py, crashes on crash.py, and runs
// out of memory on hog.py when its heap is bounded.
import { parentPort, resourceLimits } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    parentPort.close();
    return;
  }
  if (message.path.endsWith('hang.py')) {
    for (;;) {
      // never answers: the pool's per-file time limit must stop this worker
    }
  }
  if (message.path.endsWith('crash.py')) throw new Error('simulated crash');
  if (message.path.endsWith('hog.py') && resourceLimits.maxOldGenerationSizeMb < 100) {
    const kept = [];
    for (;;) kept.push(new Array(100_000).fill(kept.length));
  }
  parentPort.postMessage({ type: 'result', path: message.path, result: { findings: [], notifications: [], lines: 1, bytes: 1, scanned: true } });
});
parentPort.postMessage({ type: 'ready' });
