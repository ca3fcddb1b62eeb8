// A fake OSV API over the test advisory database (__tests__/fixtures/manifests/osv/advisories.json): a `fetch`
// function for rule tests, and the same answers for the local HTTP server of the OSV client tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { advisoryFromOsv } from '../../src/advisories/osv.js';
import { packageKey, type Advisory } from '../../src/advisories/advisory.js';

interface TestDatabase {
  releases: Record<string, string[]>;
  vulns: { id: string }[];
}

export const OSV_FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'manifests', 'osv', 'advisories.json');

export function testDatabase(): TestDatabase {
  return JSON.parse(readFileSync(OSV_FIXTURE, 'utf8')) as TestDatabase;
}

/** The answer OSV would give to one request: [status, body]. */
export function osvAnswer(db: TestDatabase, method: string, url: string, body: string): [number, unknown] {
  const pathname = new URL(url, 'http://osv.test').pathname;
  if (method === 'POST' && pathname === '/v1/querybatch') {
    const request = JSON.parse(body) as { queries: { package: { name: string; ecosystem: string }; version: string }[] };
    return [200, { results: request.queries.map((q) => ({ vulns: (db.releases[`${q.package.name}@${q.version}`] ?? []).map((id) => ({ id, modified: '2024-01-01T00:00:00Z' })) })) }];
  }
  const m = /^\/v1\/vulns\/(.+)$/.exec(pathname);
  if (method === 'GET' && m) {
    const record = db.vulns.find((v) => v.id === decodeURIComponent(m[1]!));
    return record ? [200, record] : [404, { code: 5, message: 'Bug not found.' }];
  }
  return [404, { message: 'not found' }];
}

/** A `fetch` that answers like OSV from the test database, without a network. */
export function fakeOsvFetch(db: TestDatabase = testDatabase()): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const [status, payload] = osvAnswer(db, init?.method ?? 'GET', url, typeof init?.body === 'string' ? init.body : '');
    return new Response(JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
  };
}

/** The test database as an advisory map (what a successful OSV check gives the rules). */
export function testAdvisories(db: TestDatabase = testDatabase()): Map<string, Advisory[]> {
  const map = new Map<string, Advisory[]>();
  for (const [key, ids] of Object.entries(db.releases)) {
    const name = key.slice(0, key.lastIndexOf('@'));
    const list = ids.map((id) => advisoryFromOsv(db.vulns.find((v) => v.id === id), name)).filter((a): a is Advisory => a !== undefined);
    if (list.length) map.set(packageKey(name, key.slice(key.lastIndexOf('@') + 1)), list);
  }
  return map;
}
