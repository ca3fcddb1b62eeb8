// The worker side of the scan pool: loads the grammar once, then scans the files it is handed, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { repositoryResolver } from '../analysis/taint/repository.js';
import { loadPython } from '../parser/python.js';
import { allRules } from '../rules/index.js';
import { scanFile } from '../scan.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

export function isScanWorker(data: unknown = workerData): data is WorkerInit {
  return typeof data === 'object' && data !== null && (data as WorkerInit).kraitScanWorker === true;
}

export async function serveScanWorker(init: WorkerInit = workerData as WorkerInit): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveScanWorker() runs only inside a worker thread');
  const send = (message: FromWorker) => port.postMessage(message);
  try {
    const byId = new Map(allRules.map((r) => [r.id, r]));
    const rules = init.ruleIds.map((id) => {
      const rule = byId.get(id);
      if (!rule) throw new Error(`unknown rule '${id}' handed to a scan worker`);
      return rule;
    });
    const parser = await loadPython();
    const external = rules.some((r) => r.dataFlow) ? repositoryResolver(parser, init.workspace, init.files) : undefined;
    port.on('message', (message: ToWorker) => {
      if (message.type === 'stop') {
        port.close();
        return;
      }
      const result = scanFile(parser, init.workspace, message.path, rules, external);
      send({ type: 'result', path: message.path, result });
    });
    send({ type: 'ready' });
  } catch (error) {
    send({ type: 'failed', message: errorMessage(error) });
  }
}
