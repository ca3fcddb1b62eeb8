// The HTML report: escaping, self-containment, determinism, and (in headless Chromium) that it runs and filters.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import type { ScanResult } from '../../src/scan.js';

function rule(id: string, overrides: Partial<Rule> = {}): Rule {
  return defineRule({
    id,
    title: `Title of ${id}`,
    family: 'injection',
    checklist: ['Code Injection Prevention'],
    level: 'warning',
    securitySeverity: 7,
    precision: 'high',
    tier: 'default',
    cwe: [78],
    compatible: {},
    docs: { whatItDoes: `Reports \`${id}\`.`, whyBad: 'Bad.', example: 'x', useInstead: 'y', references: ['https://cwe.mitre.org/data/definitions/78.html'] },
    visitors: {},
    ...overrides,
  });
}

const RULES = [
  rule('eval-nonconstant'),
  rule('command-injection', { level: 'error', dataFlow: true }),
  rule('hardcoded-password', { family: 'secrets', checklist: ['Sensitive Data Handling'], level: 'error', cwe: [798] }),
  rule('weak-hash-for-security', { family: 'cryptography', checklist: ['Cryptography'], level: 'note', cwe: [328] }),
];

function finding(ruleId: string, level: Finding['level'], line: number, snippet: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, level, path: 'app/views.py', region: { startLine: line, startColumn: 5, endLine: line, endColumn: 14 }, message: `${ruleId} message <b>`, snippet, ...extra };
}

const RESULT: ScanResult = {
  findings: [
    finding('eval-nonconstant', 'warning', 3, '    eval("</script><script>alert(1)</script>")'),
    finding('command-injection', 'error', 9, '    os.system(cmd)', {
      flow: [
        { region: { startLine: 7, startColumn: 11, endLine: 7, endColumn: 23 }, message: 'request.args (source)' },
        { region: { startLine: 9, startColumn: 5, endLine: 9, endColumn: 19 }, message: 'os.system (sink)' },
      ],
    }),
    finding('hardcoded-password', 'error', 12, '    password = "hunter2-s3cret"'),
    finding('weak-hash-for-security', 'note', 20, '    hashlib.md5(data)', { path: 'nb/explore.ipynb', notebookCell: { cell: 3, line: 2 } }),
  ],
  notifications: [{ kind: 'syntax-error', level: 'warning', path: 'app/bad.py', message: 'app/bad.py: syntax error at line 1 & <x>' }],
  stats: { files: 3, scanned: 3, lines: 120, bytes: 4000 },
  files: ['app/bad.py', 'app/views.py', 'nb/explore.ipynb'],
};

const html = renderHtml({ result: RESULT, rules: RULES, title: 'acme/shop', gate: { failOn: 'error', tripped: true }, blobUrl: 'https://github.com/acme/shop/blob/abc123' });

describe('renderHtml', () => {
  test('escapes snippets, messages and notifications: no markup from the scanned code reaches the page', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html).toContain('<mark>eval(&quot;&lt;/s</mark>cript&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;)');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script>/g)).toHaveLength(1); // the report's own filter script
    expect(html).toContain('eval-nonconstant message &lt;b&gt;');
    expect(html).toContain('syntax error at line 1 &amp; &lt;x&gt;');
  });

  test('secrets findings show no code, even when a snippet is present', () => {
    expect(html).not.toContain('hunter2');
    expect(html).toContain('hardcoded-password message');
  });

  test('self-contained: a strict CSP, no external resources; http(s) only in links', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+&#39;; script-src &#39;sha256-/);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|source|video|audio)[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const before = html.slice(0, html.indexOf(url));
      expect(/<a [^>]*href="$/.test(before) || /title="[^"]*$/.test(before), url).toBe(true);
    }
  });

  test('scorecard, grouping by checklist section then rule, data-flow steps, notebook cells, links to the commit', () => {
    expect(html).toContain('<h2 id="scorecard">Checklist scorecard</h2>');
    expect(html).toContain('<td>Code Injection Prevention</td><td><span class="badge error">error</span></td>');
    expect(html).toContain('<td>Logging and Monitoring</td><td><span class="badge not-checked">not checked</span></td>');
    const order = ['<h3>Sensitive Data Handling</h3>', '<h3>Code Injection Prevention</h3>', 'data-rule="command-injection"><summary>', 'data-rule="eval-nonconstant"><summary>', '<h3>Cryptography</h3>'].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('Data flow (2 steps)');
    expect(html).toContain('app/views.py:7:11</a> request.args (source)');
    expect(html).toContain('(notebook cell 3, line 2)');
    expect(html).toContain('<a class="loc" href="https://github.com/acme/shop/blob/abc123/app/views.py#L9">app/views.py:9:5</a>');
    expect(html).toContain('<mark>os.system</mark>');
    expect(html).toContain('Failed: findings at or above error level.');
  });

  test('deterministic: the same input renders the same bytes', () => {
    expect(renderHtml({ result: RESULT, rules: RULES, title: 'acme/shop', gate: { failOn: 'error', tripped: true }, blobUrl: 'https://github.com/acme/shop/blob/abc123' })).toBe(html);
  });

  test('no findings: a plain page without the filter script', () => {
    const empty = renderHtml({ result: { ...RESULT, findings: [], notifications: [] }, rules: RULES });
    expect(empty).toContain('<p>No findings.</p>');
    expect(empty).not.toContain('<script>');
  });
});

const CHROMIUM = process.env.KRAIT_CHROMIUM ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);
function hasModule(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}
const browserMissing = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed (apt-get install -y chromium)` : !hasModule('playwright-core') ? 'playwright-core is not installed' : undefined;
if (browserMissing) console.warn(`[html.test] skipping the browser test: ${browserMissing}`);

/** The few playwright-core calls used here. */
interface Locator {
  count(): Promise<number>;
  textContent(): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  isVisible(): Promise<boolean>;
  check(): Promise<void>;
  uncheck(): Promise<void>;
  selectOption(value: string): Promise<unknown>;
}
interface Page {
  on(event: 'console', listener: (m: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', listener: (e: Error) => void): void;
  on(event: 'request', listener: (r: { url(): string }) => void): void;
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>;
}

describe('HTML report in headless Chromium', () => {
  test.skipIf(browserMissing !== undefined)('loads without console errors, and the level and rule filters hide findings', async () => {
    // A variable specifier: the file still type-checks where playwright-core is not installed (the test then skips).
    const specifier = 'playwright-core';
    const { chromium } = (await import(specifier)) as { chromium: Chromium };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'krait-html-'));
    const file = path.join(dir, 'krait-report.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(file).href);
      const visible = () => page.locator('.finding[data-level]:visible').count();
      expect(await visible()).toBe(4);
      expect(await page.locator('#shown-count').textContent()).toBe('4');

      await page.locator('input[data-filter-level="warning"]').uncheck();
      expect(await visible()).toBe(3);
      expect(await page.locator('.finding[data-rule="eval-nonconstant"]').isVisible()).toBe(false);
      expect(await page.locator('details.rule[data-rule="eval-nonconstant"]').isVisible()).toBe(false);
      expect(await page.locator('#shown-count').textContent()).toBe('3');

      await page.locator('#filter-rule').selectOption('command-injection');
      expect(await visible()).toBe(1);
      expect(await page.locator('section.group:visible h3').allTextContents()).toEqual(['Code Injection Prevention']);

      await page.locator('#filter-rule').selectOption('');
      await page.locator('input[data-filter-level="warning"]').check();
      expect(await visible()).toBe(4);

      const shot = path.join(dir, 'krait-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      console.info(`[html.test] screenshot: ${shot}`);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
