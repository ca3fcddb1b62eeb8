// OSV client: asks api.osv.dev which pinned PyPI releases have published vulnerabilities (POST /v1/querybatch, with
// pagination), then fetches each advisory (GET /v1/vulns/{id}) for its summary, aliases, fixed versions and links.
// Network trouble never throws: what could not be fetched is returned as problems for the run's notifications.
import { normalizeName } from '../manifests/model.js';
import { packageKey, type Advisory } from './advisory.js';
import { cvss3BaseScore } from './cvss.js';

export const OSV_DEFAULT_URL = 'https://api.osv.dev';
/** OSV's documented maximum number of queries in one querybatch request. */
export const OSV_MAX_BATCH = 1000;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CONCURRENCY = 8;
const MAX_PAGES = 20;
const MAX_LINKS = 5;

export interface OsvOptions {
  /** Default: env KRAIT_OSV_URL, else https://api.osv.dev. */
  baseUrl?: string;
  /** Per request. */
  timeoutMs?: number;
  /** Queries per querybatch request (at most OSV_MAX_BATCH). */
  batchSize?: number;
  /** Advisory detail requests in flight at once. */
  concurrency?: number;
  fetch?: typeof fetch;
}

export interface PackageRelease {
  /** PEP 503 normalised name. */
  name: string;
  version: string;
}

export interface OsvResult {
  /** Advisories per release (packageKey), only for releases that have some. */
  advisories: Map<string, Advisory[]>;
  /** What went wrong, one sentence each; empty when every request succeeded. */
  problems: string[];
}

interface BatchQuery {
  release: PackageRelease;
  pageToken?: string;
}

class OsvError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function requestJson(options: Required<Pick<OsvOptions, 'timeoutMs'>> & { fetch: typeof fetch }, url: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new OsvError(`${url} did not answer within ${options.timeoutMs / 1000} s`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new OsvError(`${url} could not be reached (${error instanceof Error ? error.message : String(error)}${cause})`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new OsvError(`${url}: the response could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!response.ok) throw new OsvError(`${url} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OsvError(`${url} answered with something that is not JSON`);
  }
}

/** Numeric comparison of release segments (`1.10` after `1.9`); good enough to order the fixed versions of one advisory. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[^0-9]+/).filter(Boolean).map(Number);
  const pb = b.split(/[^0-9]+/).filter(Boolean).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An OSV record as an Advisory for one package; undefined for a withdrawn record or one without an id. */
export function advisoryFromOsv(record: unknown, packageName: string): Advisory | undefined {
  if (!isObject(record) || typeof record.id !== 'string' || record.withdrawn) return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const fixed = new Set<string>();
  const severities: unknown[] = Array.isArray(record.severity) ? [...record.severity] : [];
  for (const affected of Array.isArray(record.affected) ? record.affected : []) {
    if (!isObject(affected) || !isObject(affected.package)) continue;
    const pkg = affected.package;
    if (pkg.ecosystem !== 'PyPI' || typeof pkg.name !== 'string' || normalizeName(pkg.name) !== packageName) continue;
    if (Array.isArray(affected.severity)) severities.push(...affected.severity);
    for (const range of Array.isArray(affected.ranges) ? affected.ranges : []) {
      if (!isObject(range) || range.type === 'GIT') continue;
      for (const event of Array.isArray(range.events) ? range.events : []) {
        if (isObject(event) && typeof event.fixed === 'string') fixed.add(event.fixed);
      }
    }
  }
  let cvssScore: number | undefined;
  for (const s of severities) {
    if (!isObject(s) || typeof s.score !== 'string' || s.type !== 'CVSS_V3') continue;
    const score = cvss3BaseScore(s.score);
    if (score !== undefined) cvssScore = Math.max(cvssScore ?? 0, score);
  }
  const label = isObject(record.database_specific) && typeof record.database_specific.severity === 'string' ? record.database_specific.severity : undefined;
  const order = ['ADVISORY', 'FIX', 'REPORT', 'WEB', 'ARTICLE'];
  const refs = (Array.isArray(record.references) ? record.references : [])
    .filter((r): r is { type?: unknown; url: string } => isObject(r) && typeof r.url === 'string' && /^https:\/\//.test(r.url))
    .map((r) => ({ url: r.url, rank: order.indexOf(typeof r.type === 'string' ? r.type : '') }))
    .filter((r) => r.rank >= 0)
    .sort((x, y) => x.rank - y.rank);
  const links = [...new Set([`https://osv.dev/vulnerability/${encodeURIComponent(record.id)}`, ...refs.map((r) => r.url)])].slice(0, MAX_LINKS);
  const summary = typeof record.summary === 'string' && record.summary.trim() ? record.summary.trim() : typeof record.details === 'string' ? record.details.trim().split('\n')[0]!.slice(0, 200) : '';
  return {
    id: record.id,
    aliases: strings(record.aliases),
    summary,
    fixedVersions: [...fixed].sort(compareVersions),
    ...(cvssScore !== undefined ? { cvssScore } : {}),
    ...(label ? { severityLabel: label } : {}),
    links,
  };
}

/** Runs tasks with at most `limit` in flight. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/** Advisories for every release; releases are de-duplicated, queried in batches, then each advisory fetched once. */
export async function queryOsv(releases: readonly PackageRelease[], options: OsvOptions = {}): Promise<OsvResult> {
  const baseUrl = (options.baseUrl ?? process.env.KRAIT_OSV_URL ?? OSV_DEFAULT_URL).replace(/\/+$/, '');
  const http = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, fetch: options.fetch ?? globalThis.fetch };
  const batchSize = Math.max(1, Math.min(OSV_MAX_BATCH, options.batchSize ?? OSV_MAX_BATCH));
  const unique = [...new Map(releases.map((r) => [packageKey(r.name, r.version), r])).values()];
  const idsByRelease = new Map<string, Set<string>>();
  const problems: string[] = [];

  try {
    for (let start = 0; start < unique.length; start += batchSize) {
      let pending: BatchQuery[] = unique.slice(start, start + batchSize).map((release) => ({ release }));
      for (let page = 0; pending.length > 0; page++) {
        if (page >= MAX_PAGES) {
          problems.push(`OSV kept paginating after ${MAX_PAGES} pages; the remaining advisories of ${pending.length} package(s) were not fetched`);
          break;
        }
        const body = {
          queries: pending.map((q) => ({ package: { name: q.release.name, ecosystem: 'PyPI' }, version: q.release.version, ...(q.pageToken ? { page_token: q.pageToken } : {}) })),
        };
        const answer = await requestJson(http, `${baseUrl}/v1/querybatch`, body);
        if (!isObject(answer) || !Array.isArray(answer.results) || answer.results.length !== pending.length) {
          throw new OsvError(`${baseUrl}/v1/querybatch answered with an unexpected shape (expected one result per query)`);
        }
        const again: BatchQuery[] = [];
        answer.results.forEach((result, n) => {
          const q = pending[n]!;
          if (!isObject(result)) return;
          const key = packageKey(q.release.name, q.release.version);
          for (const v of Array.isArray(result.vulns) ? result.vulns : []) {
            if (!isObject(v) || typeof v.id !== 'string') continue;
            let ids = idsByRelease.get(key);
            if (!ids) idsByRelease.set(key, (ids = new Set()));
            ids.add(v.id);
          }
          if (typeof result.next_page_token === 'string' && result.next_page_token) again.push({ release: q.release, pageToken: result.next_page_token });
        });
        pending = again;
      }
    }
  } catch (error) {
    if (!(error instanceof OsvError)) throw error;
    problems.push(`the OSV vulnerability query failed: ${error.message}; dependencies were not checked for known vulnerabilities`);
    return { advisories: new Map(), problems };
  }

  const allIds = [...new Set([...idsByRelease.values()].flatMap((s) => [...s]))].sort();
  const records = new Map<string, unknown>();
  const failed: string[] = [];
  await mapLimited(allIds, options.concurrency ?? DEFAULT_CONCURRENCY, async (id) => {
    try {
      records.set(id, await requestJson(http, `${baseUrl}/v1/vulns/${encodeURIComponent(id)}`));
    } catch (error) {
      if (!(error instanceof OsvError)) throw error;
      failed.push(`${id} (${error.message})`);
    }
  });
  if (failed.length > 0) {
    problems.push(`details of ${failed.length} OSV advisor${failed.length === 1 ? 'y' : 'ies'} could not be fetched and are reported by id only: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}`);
  }

  const advisories = new Map<string, Advisory[]>();
  for (const [key, ids] of idsByRelease) {
    const name = key.slice(0, key.lastIndexOf('@'));
    const list: Advisory[] = [];
    for (const id of [...ids].sort()) {
      const record = records.get(id);
      if (isObject(record) && record.withdrawn) continue;
      // A detail that could not be fetched or read still names the advisory.
      list.push(advisoryFromOsv(record, name) ?? { id, aliases: [], summary: '', fixedVersions: [], links: [`https://osv.dev/vulnerability/${encodeURIComponent(id)}`] });
    }
    if (list.length > 0) advisories.set(key, mergeAliases(list));
  }
  return { advisories, problems };
}

/**
 * One advisory per vulnerability: OSV lists the same flaw under several databases (a GHSA and a PYSEC record that
 * alias the same CVE). Records that share an id or alias are merged, the GitHub record (GHSA) first.
 */
export function mergeAliases(list: readonly Advisory[]): Advisory[] {
  const groups: Advisory[][] = [];
  for (const a of list) {
    const names = new Set([a.id, ...a.aliases]);
    const matching = groups.filter((g) => g.some((b) => names.has(b.id) || b.aliases.some((x) => names.has(x))));
    const merged = matching.flat();
    for (const g of matching) groups.splice(groups.indexOf(g), 1);
    groups.push([...merged, a]);
  }
  return groups
    .map((group) => {
      const sorted = [...group].sort((x, y) => Number(!x.id.startsWith('GHSA-')) - Number(!y.id.startsWith('GHSA-')) || (x.id < y.id ? -1 : 1));
      const primary = sorted[0]!;
      const scores = sorted.map((a) => a.cvssScore).filter((x): x is number => x !== undefined);
      const label = sorted.find((a) => a.severityLabel)?.severityLabel;
      return {
        id: primary.id,
        aliases: [...new Set(sorted.flatMap((a) => [a.id, ...a.aliases]))].filter((x) => x !== primary.id).sort(),
        summary: sorted.find((a) => a.summary)?.summary ?? '',
        fixedVersions: [...new Set(sorted.flatMap((a) => a.fixedVersions))].sort(compareVersions),
        ...(scores.length ? { cvssScore: Math.max(...scores) } : {}),
        ...(label ? { severityLabel: label } : {}),
        links: [...new Set(sorted.flatMap((a) => a.links))].slice(0, MAX_LINKS),
      };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
