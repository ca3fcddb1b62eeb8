// Validates SARIF two ways: the 2.1.0 JSON schema (ajv) and sarif-multitool's Sarif + GitHub (Gh) rules.
// Used by the tests and by .ci/run: `node scripts/validate-sarif.mjs FILE...` exits 1 on any error.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const MULTITOOL_DIR = path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const SCHEMA_FILE = path.join(MULTITOOL_DIR, 'sarif-2.1.0.json');

let validate;

/** JSON-schema errors of a parsed SARIF log (empty when valid). */
export function schemaErrors(log) {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats.default ?? addFormats)(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Error-level results of `sarif-multitool validate --rule-kind Sarif Gh` (the tool itself exits 0 even on errors). */
export function multitoolErrors(sarifFile) {
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
    const report = JSON.parse(readFileSync(out, 'utf8'));
    return (report.runs[0]?.results ?? [])
      .filter((r) => r.level === 'error')
      .map((r) => `${r.ruleId} ${r.message.text ?? ''} ${JSON.stringify(r.message.arguments ?? [])}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const errors = [...schemaErrors(JSON.parse(readFileSync(file, 'utf8'))), ...multitoolErrors(file)];
    for (const e of errors) console.error(`${file}: ${e}`);
    console.log(`${file}: ${errors.length === 0 ? 'valid SARIF (schema + sarif-multitool Sarif Gh)' : `${errors.length} error(s)`}`);
    failed ||= errors.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
