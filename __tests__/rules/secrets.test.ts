// Secret rules: token checksums, comments, levels by file role (development settings, test code), SARIF sub-ids.
// Every credential here is FAKE and assembled at run time, so this file holds no token-shaped text.
import { expect, test } from 'vitest';
import { base62, crc32, findProviderCredentials, hasValidTokenChecksum } from '../../src/analysis/secret-formats.js';
import { looksRandom, shannonEntropy } from '../../src/analysis/secret-values.js';
import { loadPython } from '../../src/parser/python.js';
import { toSarif } from '../../src/report/sarif.js';
import { ruleById } from '../../src/rules/index.js';
import { scanText } from '../../src/scan.js';

const token = (kind: string, body30: string) => `gh${kind}_${body30}${base62(crc32(body30), 6)}`;
const GITHUB = token('p', 'FAKE0TOKEN0FOR0KRAIT0TESTS0000');
const STRIPE_TEST = ['sk', 'test', 'nV6Hzrze9fGzdCwWAk22Mgo7'].join('_');
const STRIPE_LIVE = ['sk', 'live', 'sw6OKls7C6fJVyFgzxegapdX'].join('_');
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = [b64({ alg: 'HS256', typ: 'JWT' }), b64({ sub: 'krait-fake', iat: 1700000000 }), 'c2lnbmF0dXJlLWZha2Uta3JhaXQtdGVzdHM'].join('.');

async function scan(path: string, source: string, ids: string[]) {
  const parser = await loadPython();
  return scanText(parser, path, source, ids.map((id) => ruleById.get(id)!)).findings;
}

test('CRC-32 and the GitHub token checksum match zlib and the published format', () => {
  expect(crc32('123456789')).toBe(0xcbf43926); // the standard CRC-32 check value
  // Checksum computed independently with Python's binascii.crc32 and base62 (0-9A-Za-z).
  expect(GITHUB.slice(-6)).toBe('1LM38E');
  expect(hasValidTokenChecksum(GITHUB)).toBe(true);
  expect(hasValidTokenChecksum(`${GITHUB.slice(0, -6)}AAAAAA`)).toBe(false);
  expect(hasValidTokenChecksum(`${GITHUB.slice(0, 10)}X${GITHUB.slice(11)}`)).toBe(false);
});

test('provider formats: self-identifying tokens are found in documentation, context-dependent ones are not', () => {
  const doc = { names: [], documentation: true, importsModule: () => false };
  expect(findProviderCredentials(`use ${GITHUB} here`, doc).map((m) => m.subId)).toEqual(['secret/github-token']);
  const url = ['postgresql://app:', 'Vq8xL2rTz9@db.internal/app'].join('');
  expect(findProviderCredentials(url, doc)).toEqual([]);
  expect(findProviderCredentials(url, { ...doc, documentation: false }).map((m) => m.subId)).toEqual(['secret/url-embedded-credentials']);
});

test('entropy floors depend on the alphabet and the length', () => {
  expect(shannonEntropy('aaaa')).toBe(0);
  expect(looksRandom('1012e3d05023bf92a8cf57bdc2acccc6eaae8d16')?.alphabet).toBe('hex');
  expect(looksRandom('q7Vd9sK2mXa4Lp8RtZ3wNb6Hc1Yf5Ge0')?.alphabet).toBe('base64');
  expect(looksRandom('thisismysupersecretpasswordvalue')).toBeUndefined();
  expect(looksRandom('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBeUndefined();
  expect(looksRandom('abcdefghijklmnopqrstuvwxyz012345')).toBeUndefined();
});

test('a provider token in a comment is reported, masked, with its sub-id in the SARIF result properties', async () => {
  const findings = await scan('app/deploy.py', `x = 1  # token: ${GITHUB}\n`, ['hardcoded-provider-credential']);
  expect(findings.map((f) => [f.region.startLine, f.level, f.properties?.subId])).toEqual([[1, 'error', 'secret/github-token']]);
  expect(findings[0]!.message).toContain('in a comment');
  expect(findings[0]!.message).not.toContain(GITHUB.slice(4, 12));
  const log = toSarif({ findings, notifications: [], stats: { files: 1, scanned: 1, lines: 1, bytes: 1 }, files: ['app/deploy.py'] }, [ruleById.get('hardcoded-provider-credential')!], { workspace: '/w', category: 'krait' });
  expect(log.runs[0]!.results![0]!.properties).toMatchObject({ subId: 'secret/github-token' });
});

test('in test code live-format tokens keep their level and test-mode keys are dropped', async () => {
  const source = `LIVE = "${STRIPE_LIVE}"\nSANDBOX = "${STRIPE_TEST}"\nGH = "${GITHUB}"\n`;
  const inTests = await scan('tests/test_billing.py', source, ['hardcoded-provider-credential']);
  expect(inTests.map((f) => `${f.region.startLine} ${f.level}`)).toEqual(['1 error', '3 error']);
  const jwtInTests = await scan('tests/test_auth.py', `TOKEN = "${JWT}"\n`, ['hardcoded-provider-credential']);
  expect(jwtInTests.map((f) => f.level)).toEqual(['note']);
  const inApp = await scan('app/billing.py', source, ['hardcoded-provider-credential']);
  expect(inApp.map((f) => `${f.region.startLine} ${f.level}`)).toEqual(['1 error', '2 note', '3 error']);
});

test('framework secret keys in development or test settings modules are notes, elsewhere errors', async () => {
  const source = 'SECRET_KEY = "Dj4ngo-S3cret-k9Lm2Qx7Vb"\nINSTALLED_APPS = []\nROOT_URLCONF = "site.urls"\n';
  const rule = ['hardcoded-framework-secret-key'];
  for (const path of ['mysite/settings/dev.py', 'mysite/settings_local.py', 'config/settings/test.py']) {
    const [f] = await scan(path, source, rule);
    expect([path, f?.level, f?.levelReason]).toEqual([path, 'note', 'development or test configuration']);
  }
  for (const path of ['mysite/settings/production.py', 'mysite/settings.py']) {
    const [f] = await scan(path, source, rule);
    expect([path, f?.level]).toEqual([path, 'error']);
  }
  expect(await scan('mysite/settings.py', 'SECRET_KEY = "change-me-in-production"\n', rule)).toEqual([]);
});

test('the most specific secret rule wins where several report the same literal', async () => {
  const source = `from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "Fl4sk-S3cret-k9Lm2QxZ7vW3"\napi_token = "${GITHUB}"\nencryption_secret = "q7Vd9sK2mXa4Lp8RtZ3wNb6Hc1Yf5Ge0"\n`;
  const ids = ['hardcoded-password', 'hardcoded-high-entropy-secret', 'hardcoded-framework-secret-key', 'hardcoded-provider-credential'];
  const findings = await scan('app/factory.py', source, ids);
  expect(findings.map((f) => `${f.region.startLine} ${f.ruleId}`)).toEqual(['3 hardcoded-framework-secret-key', '4 hardcoded-provider-credential', '5 hardcoded-password']);
});
