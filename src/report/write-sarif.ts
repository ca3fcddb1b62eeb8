// Writes a SARIF log to disk, creating its folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';

export function serializeSarif(log: Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function writeSarif(file: string, log: Log): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, serializeSarif(log));
}
