// Validates a SARIF file twice: the 2.1.0 JSON schema (ajv) and sarif-multitool's Sarif + GitHub rule kinds.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const MULTITOOL_DIR = path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const SCHEMA_FILE = path.join(MULTITOOL_DIR, 'sarif-2.1.0.json');

let validateSchema: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

export function schemaErrors(log: unknown): string[] {
  if (!validateSchema) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validateSchema = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  }
  if (validateSchema(log)) return [];
  return ((validateSchema.errors as { instancePath: string; message?: string }[]) ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Runs `sarif-multitool validate --rule-kind Sarif Gh` and returns its error-level results (it exits 0 even on errors). */
export function multitoolErrors(sarifFile: string): string[] {
  const binary = path.join(MULTITOOL_DIR, 'Sarif.Multitool');
  if (!existsSync(binary)) throw new Error(`sarif-multitool binary missing at ${binary}`);
  chmodSync(binary, 0o755); // npm may install it without the execute bit
  const dir = mkdtempSync(path.join(os.tmpdir(), 'krait-validate-'));
  try {
    const out = path.join(dir, 'validation.sarif');
    execFileSync(binary, ['validate', sarifFile, '--rule-kind', 'Sarif', 'Gh', '-o', out, '--log', 'ForceOverwrite'], {
      stdio: 'pipe',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: { level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }[] }[] };
    return (report.runs[0]?.results ?? [])
      .filter((r) => r.level === 'error')
      .map((r) => `${r.ruleId} ${r.message.text ?? ''} ${JSON.stringify(r.message.arguments ?? [])}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
