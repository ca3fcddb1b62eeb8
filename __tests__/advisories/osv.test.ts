// The OSV client against a local HTTP server that follows OSV's documented request and response shapes:
// batching, pagination, advisory details, and every way the service can fail (never a crash, always a problem).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { cvss3BaseScore } from '../../src/advisories/cvss.js';
import { advisoryFromOsv, compareVersions, mergeAliases, queryOsv } from '../../src/advisories/osv.js';
import { osvAnswer, testDatabase } from '../helpers/fake-osv.js';

interface Received {
  method: string;
  url: string;
  body: { queries?: { package: { name: string; ecosystem: string }; version: string; page_token?: string }[] } | undefined;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
  });
}

type Handler = (req: Received, res: ServerResponse) => void | Promise<void>;

/** A local OSV; `handler` may answer itself, otherwise the test database answers. */
async function fakeOsv(handler?: Handler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const db = testDatabase();
  server = createServer(async (req, res) => {
    const text = await readBody(req);
    const r: Received = { method: req.method ?? '', url: req.url ?? '', body: text ? (JSON.parse(text) as Received['body']) : undefined };
    received.push(r);
    if (handler) {
      await handler(r, res);
      if (res.writableEnded) return;
    }
    const [status, payload] = osvAnswer(db, r.method, r.url, text);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(payload));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, received };
}

describe('queryOsv', () => {
  test('one batch, then each advisory once: ids, aliases, fixed versions, CVSS, links; unaffected releases absent', async () => {
    const osv = await fakeOsv();
    const result = await queryOsv(
      [
        { name: 'requests', version: '2.19.0' },
        { name: 'jinja2', version: '2.10' },
        { name: 'requests', version: '2.19.0' },
        { name: 'click', version: '8.1.7' },
      ],
      { baseUrl: osv.url },
    );
    expect(result.problems).toEqual([]);
    const batches = osv.received.filter((r) => r.url === '/v1/querybatch');
    expect(batches).toHaveLength(1);
    expect(batches[0]!.method).toBe('POST');
    expect(batches[0]!.body!.queries).toEqual([
      { package: { name: 'requests', ecosystem: 'PyPI' }, version: '2.19.0' },
      { package: { name: 'jinja2', ecosystem: 'PyPI' }, version: '2.10' },
      { package: { name: 'click', ecosystem: 'PyPI' }, version: '8.1.7' },
    ]);
    expect(osv.received.filter((r) => r.method === 'GET').map((r) => r.url).sort()).toEqual(['/v1/vulns/GHSA-462w-v97r-4m45', '/v1/vulns/GHSA-x84v-xcm2-53pg', '/v1/vulns/PYSEC-2019-217']);
    expect([...result.advisories.keys()].sort()).toEqual(['jinja2@2.10', 'requests@2.19.0']);
    const req = result.advisories.get('requests@2.19.0')!;
    expect(req).toHaveLength(1);
    expect(req[0]).toMatchObject({ id: 'GHSA-x84v-xcm2-53pg', aliases: ['CVE-2018-18074', 'PYSEC-2018-28'], fixedVersions: ['2.20.0'], cvssScore: 7.5, severityLabel: 'HIGH' });
    expect(req[0]!.links[0]).toBe('https://osv.dev/vulnerability/GHSA-x84v-xcm2-53pg');
    // A GHSA and a PYSEC record of the same CVE become one advisory, the GHSA first.
    const jinja = result.advisories.get('jinja2@2.10')!;
    expect(jinja.map((a) => a.id)).toEqual(['GHSA-462w-v97r-4m45']);
    expect(jinja[0]!.aliases).toEqual(['CVE-2019-10906', 'PYSEC-2019-217']);
  });

  test('more releases than the batch size are split into several requests (OSV allows at most 1000 per request)', async () => {
    const osv = await fakeOsv();
    const releases = Array.from({ length: 2500 }, (_, i) => ({ name: `pkg-${i}`, version: '1.0' }));
    const result = await queryOsv(releases, { baseUrl: osv.url });
    expect(result.problems).toEqual([]);
    expect(osv.received.map((r) => r.body?.queries?.length)).toEqual([1000, 1000, 500]);
    const small = await queryOsv(releases.slice(0, 5), { baseUrl: osv.url, batchSize: 2 });
    expect(small.problems).toEqual([]);
    expect(osv.received.slice(3).map((r) => r.body?.queries?.length)).toEqual([2, 2, 1]);
  });

  test('next_page_token: only the paginated queries are asked again, with page_token', async () => {
    const osv = await fakeOsv((r, res) => {
      if (r.url !== '/v1/querybatch') return;
      const qs = r.body!.queries!;
      const results = qs.map((q) => {
        if (q.package.name === 'requests' && !q.page_token) return { vulns: [{ id: 'GHSA-x84v-xcm2-53pg', modified: 'x' }], next_page_token: 'page-2' };
        if (q.package.name === 'requests' && q.page_token === 'page-2') return { vulns: [{ id: 'GHSA-462w-v97r-4m45', modified: 'x' }] };
        return {};
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ results }));
    });
    const result = await queryOsv(
      [
        { name: 'requests', version: '2.19.0' },
        { name: 'flask', version: '3.0.3' },
      ],
      { baseUrl: osv.url },
    );
    expect(result.problems).toEqual([]);
    const batches = osv.received.filter((r) => r.url === '/v1/querybatch');
    expect(batches.map((b) => b.body!.queries!.map((q) => `${q.package.name}:${q.page_token ?? ''}`))).toEqual([['requests:', 'flask:'], ['requests:page-2']]);
    expect(result.advisories.get('requests@2.19.0')!.map((a) => a.id)).toEqual(['GHSA-462w-v97r-4m45', 'GHSA-x84v-xcm2-53pg']);
  });

  test('HTTP 500 from querybatch: a problem, no advisories, no throw', async () => {
    const osv = await fakeOsv((_r, res) => {
      res.statusCode = 500;
      res.end('{"code":13,"message":"internal error"}');
    });
    const result = await queryOsv([{ name: 'requests', version: '2.19.0' }], { baseUrl: osv.url });
    expect(result.advisories.size).toBe(0);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/querybatch answered HTTP 500.*internal error.*not checked for known vulnerabilities/);
  });

  test('a server that does not answer in time: a timeout problem', async () => {
    const osv = await fakeOsv(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    });
    const started = Date.now();
    const result = await queryOsv([{ name: 'requests', version: '2.19.0' }], { baseUrl: osv.url, timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.advisories.size).toBe(0);
    expect(result.problems[0]).toMatch(/did not answer within 0\.2 s/);
    server!.closeAllConnections();
  });

  test('malformed JSON and a wrong shape are problems', async () => {
    let mode: 'text' | 'shape' = 'text';
    const osv = await fakeOsv((_r, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(mode === 'text' ? '{"results": [' : JSON.stringify({ results: [] }));
    });
    const bad = await queryOsv([{ name: 'requests', version: '2.19.0' }], { baseUrl: osv.url });
    expect(bad.problems[0]).toMatch(/not JSON/);
    mode = 'shape';
    const shape = await queryOsv([{ name: 'requests', version: '2.19.0' }], { baseUrl: osv.url });
    expect(shape.problems[0]).toMatch(/unexpected shape/);
  });

  test('an unreachable server is a problem', async () => {
    const osv = await fakeOsv();
    const url = osv.url;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const result = await queryOsv([{ name: 'requests', version: '2.19.0' }], { baseUrl: url });
    expect(result.problems[0]).toMatch(/could not be reached/);
  });

  test('a detail that fails is reported by id only, with one problem', async () => {
    const osv = await fakeOsv((r, res) => {
      if (r.url === '/v1/vulns/GHSA-x84v-xcm2-53pg') {
        res.statusCode = 503;
        res.end('busy');
      }
    });
    const result = await queryOsv([{ name: 'requests', version: '2.19.0' }], { baseUrl: osv.url });
    expect(result.advisories.get('requests@2.19.0')).toEqual([{ id: 'GHSA-x84v-xcm2-53pg', aliases: [], summary: '', fixedVersions: [], links: ['https://osv.dev/vulnerability/GHSA-x84v-xcm2-53pg'] }]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/details of 1 OSV advisory could not be fetched.*HTTP 503/);
  });

  test('withdrawn advisories are left out; KRAIT_OSV_URL sets the base URL', async () => {
    const osv = await fakeOsv();
    const saved = process.env.KRAIT_OSV_URL;
    process.env.KRAIT_OSV_URL = `${osv.url}/`;
    try {
      const result = await queryOsv([{ name: 'urllib3', version: '1.24.1' }]);
      expect(result.problems).toEqual([]);
      expect(result.advisories.size).toBe(0);
      expect(osv.received.length).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.KRAIT_OSV_URL;
      else process.env.KRAIT_OSV_URL = saved;
    }
  });

  test('no releases, no request', async () => {
    const osv = await fakeOsv();
    expect(await queryOsv([], { baseUrl: osv.url })).toEqual({ advisories: new Map(), problems: [] });
    expect(osv.received).toEqual([]);
  });
});

describe('OSV records', () => {
  test('fixed versions only from ranges of this PyPI package, sorted numerically; GIT ranges ignored', () => {
    const record = {
      id: 'X-1',
      affected: [
        { package: { ecosystem: 'PyPI', name: 'Demo_Pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.10.0' }, { introduced: '2.0' }, { fixed: '2.0.1' }, { fixed: '1.9.2' }] }] },
        { package: { ecosystem: 'npm', name: 'demo-pkg' }, ranges: [{ type: 'SEMVER', events: [{ fixed: '9.9.9' }] }] },
        { package: { ecosystem: 'PyPI', name: 'demo-pkg' }, ranges: [{ type: 'GIT', events: [{ fixed: 'abc123' }] }] },
      ],
    };
    expect(advisoryFromOsv(record, 'demo-pkg')?.fixedVersions).toEqual(['1.9.2', '1.10.0', '2.0.1']);
    expect(advisoryFromOsv({ summary: 'no id' }, 'x')).toBeUndefined();
    expect(advisoryFromOsv('not an object', 'x')).toBeUndefined();
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
  });

  test('aliases merge transitively', () => {
    const a = { id: 'PYSEC-1', aliases: ['CVE-1'], summary: '', fixedVersions: ['1.1'], links: ['https://a'] };
    const b = { id: 'GHSA-b', aliases: ['CVE-1'], summary: 'B', fixedVersions: ['1.2'], cvssScore: 5, links: ['https://b'] };
    const c = { id: 'OSV-c', aliases: [], summary: 'C', fixedVersions: [], links: [] };
    const merged = mergeAliases([a, b, c]);
    expect(merged.map((m) => m.id)).toEqual(['GHSA-b', 'OSV-c']);
    expect(merged[0]).toMatchObject({ aliases: ['CVE-1', 'PYSEC-1'], summary: 'B', fixedVersions: ['1.1', '1.2'], cvssScore: 5 });
  });

  test('CVSS v3 base scores', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toBe(7.5);
    expect(cvss3BaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H')).toBe(7.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:N')).toBe(0);
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeUndefined();
    expect(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBeUndefined();
    expect(cvss3BaseScore('CVSS:3.1/AV:X/AC:L')).toBeUndefined();
  });
});
