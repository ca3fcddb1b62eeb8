import { describe, expect, test } from 'vitest';
import { analyseTaint } from '../../src/analysis/taint/index.js';
import { loadPython } from '../../src/parser/python.js';
import { ruleById } from '../../src/rules/index.js';
import { scanText } from '../../src/scan.js';
import { analyse } from '../helpers/analyse.js';

async function hits(source: string, budget?: number) {
  const a = await analyse(source, 'app/views.py');
  try {
    const r = analyseTaint(a.file, budget);
    return { partial: r.partial, hits: r.hits.map((h) => ({ kind: h.kind, line: h.sink.startPosition.row + 1, source: h.label.description, sink: h.sinkName, steps: h.label.steps.map((s) => s.message) })) };
  } finally {
    a.done();
  }
}

const FLASK = 'from flask import Flask, request\nimport os, sqlite3\napp = Flask(__name__)\ndb = sqlite3.connect("x")\n';

describe('taint analysis', () => {
  test('a flow is reported with its source, steps and sink', async () => {
    const r = await hits(`${FLASK}@app.route("/")\ndef v():\n    q = request.args["q"]\n    cmd = "ls " + q\n    os.system(cmd)\n`);
    expect(r.hits).toEqual([{ kind: 'command', line: 9, source: 'user input from request.args', sink: 'os.system', steps: ['user input from request.args', 'assigned to q', 'assigned to cmd'] }]);
  });

  test('sanitizers are per sink kind: html escaping does not protect SQL, int() protects everything', async () => {
    const src = `${FLASK}import html, shlex\n@app.route("/")\ndef v():\n    q = html.escape(request.args["q"])\n    db.execute("SELECT " + q)\n    os.system("echo " + shlex.quote(request.args["x"]))\n    db.execute("SELECT " + shlex.quote(request.args["x"]))\n    n = int(request.args["n"])\n    os.system("sleep " + str(n))\n`;
    expect((await hits(src)).hits.map((h) => [h.kind, h.line])).toEqual([['sql', 9], ['sql', 11]]);
  });

  test('containers keep constant keys apart; unknown keys read everything', async () => {
    const src = `${FLASK}@app.route("/")\ndef v(k):\n    d = {"safe": "users", "bad": request.args["x"]}\n    db.execute("SELECT * FROM " + d["safe"])\n    db.execute("SELECT * FROM " + d["bad"])\n    db.execute("SELECT * FROM " + d[k])\n    items = []\n    items.append(request.args["y"])\n    db.execute("SELECT " + items[0])\n`;
    expect((await hits(src)).hits.map((h) => h.line)).toEqual([9, 10, 13]);
  });

  test('dead branches behind constant conditions are pruned; constant overwrites clear taint', async () => {
    const src = `${FLASK}FLAG = False\n@app.route("/")\ndef v():\n    x = request.args["x"]\n    if FLAG:\n        os.system(x)\n    if "a" == "b":\n        os.system(x)\n    y = x if 1 > 2 else "safe"\n    os.system(y)\n    x = "constant"\n    os.system(x)\n`;
    expect((await hits(src)).hits).toEqual([]);
  });

  test('flows through helper functions, methods and self attributes of the same file', async () => {
    const src = `${FLASK}def build(part):\n    return "SELECT * FROM t WHERE a = '" + part + "'"\n\ndef run(sql):\n    db.execute(sql)\n\nclass Repo:\n    def __init__(self):\n        self.value = None\n    def query(self, v):\n        self.value = v\n        db.execute("SELECT " + self.value)\n\n@app.route("/")\ndef v():\n    run(build(request.args["a"]))\n    Repo().query("constant")\n`;
    const r = await hits(src);
    expect(r.hits.map((h) => [h.kind, h.line, h.source])).toEqual([['sql', 9, 'user input from request.args']]);
    expect(r.hits[0]!.steps).toContain('passed to run()');
  });

  test('nested with and match statements are walked in order, each in its own place', async () => {
    const src = `${FLASK}@app.route("/")\ndef v():\n    with open("a") as f:\n        x = request.args["q"]\n        with open("b") as g:\n            os.system(g.read())\n    match x:\n        case "a":\n            os.system(x)\n        case _:\n            pass\n`;
    expect((await hits(src)).hits.map((h) => [h.kind, h.line])).toEqual([['command', 13]]);
  });

  test('mutual recursion reaches a fixed point and terminates', async () => {
    const src = `${FLASK}def a(x, n):\n    return b(x, n - 1) if n else x\n\ndef b(x, n):\n    return a(x, n)\n\n@app.route("/")\ndef v():\n    os.system(a(request.args["c"], 3))\n`;
    expect((await hits(src)).hits.map((h) => h.line)).toEqual([13]);
  });

  test('a function with 10,000 statements and an expression nested 1,000 deep finish', async () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `    v${i} = v${i - 1 < 0 ? 0 : i - 1} + "x"`).join('\n').replace('v0 = v0', 'v0 = request.args["q"]');
    const nested = `${'('.repeat(1000)}request.args["z"]${')'.repeat(1000)}`;
    const src = `${FLASK}@app.route("/")\ndef v():\n${body}\n    os.system(v9999)\n    os.system(${nested})\n`;
    const started = Date.now();
    const r = await hits(src);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.hits.map((h) => h.kind)).toContain('command');
  }, 30_000);

  test('the per-file budget marks a file as partially analysed instead of stalling', async () => {
    const parser = await loadPython();
    const many = Array.from({ length: 50 }, (_, i) => `@app.route("/${i}")\ndef v${i}():\n    db.execute("SELECT " + request.args["q"])\n`).join('\n');
    const a = await analyse(`${FLASK}${many}`, 'app/views.py');
    const r = analyseTaint(a.file, -1);
    a.done();
    expect(r.partial).toBe(true);
    const scanned = scanText(parser, 'app/views.py', `${FLASK}${many}`, [ruleById.get('sql-injection')!]);
    expect(scanned.findings.length).toBe(50); // with the normal budget every flow is found
  });

  test('files without web imports or handlers cost nothing', async () => {
    const r = await hits('import os\ndef f(x):\n    os.system(x)\n');
    expect(r).toEqual({ partial: false, hits: [] });
  });

  test('an outgoing HTTP client request is not request input', async () => {
    const r = await hits('import subprocess\ndef send(self, request):\n    subprocess.check_call(request.url)\n    open(request.path)\n');
    expect(r.hits).toEqual([]);
  });

  test('structural findings at the same place give way to the taint finding', async () => {
    const parser = await loadPython();
    const src = `${FLASK}@app.route("/")\ndef v():\n    db.execute("SELECT * FROM t WHERE a = '" + request.args["a"] + "'")\n\ndef offline(t):\n    db.execute("SELECT * FROM t WHERE a = '" + t + "'")\n`;
    const r = scanText(parser, 'app/views.py', src, [ruleById.get('sql-injection')!, ruleById.get('sql-query-string-formatting')!]);
    expect(r.findings.map((f) => [f.ruleId, f.region.startLine])).toEqual([['sql-injection', 7], ['sql-query-string-formatting', 10]]);
    expect(r.findings[0]!.flow!.map((s) => s.message)).toEqual(['user input from request.args', 'reaches db.execute']);
  });
});

describe('taint analysis across files', () => {
  test('a helper imported from another file of the repository carries the flow to its sink', async () => {
    const { scan } = await import('../../src/scan.js');
    const { tempProject } = await import('../helpers/temp-project.js');
    const { toSarif } = await import('../../src/report/sarif.js');
    const dir = tempProject({
      'app/__init__.py': '',
      'app/db.py': 'import sqlite3\nconn = sqlite3.connect("x")\n\ndef run_query(where):\n    sql = "SELECT * FROM t WHERE " + where\n    return conn.execute(sql)\n\ndef clean(value):\n    return int(value)\n',
      'app/views.py': 'from flask import Flask, request\nfrom .db import run_query, clean\nfrom app import db\n\napp = Flask(__name__)\n\n@app.route("/a")\ndef a():\n    return str(run_query(request.args["w"]))\n\n@app.route("/b")\ndef b():\n    return str(db.run_query("id = %d" % clean(request.args["n"])))\n\n@app.route("/c")\ndef c():\n    return str(run_query("1 = 1"))\n',
    });
    const rules = [ruleById.get('sql-injection')!];
    const r = await scan(dir, ['app/__init__.py', 'app/db.py', 'app/views.py'], rules);
    expect(r.findings.map((f) => [f.path, f.region.startLine, f.message])).toEqual([
      ['app/views.py', 9, 'User input from request.args reaches conn.execute in app/db.py through run_query(); pass user values as bound query parameters (%s, ?, :name) instead of formatting them into the SQL text.'],
    ]);
    const flow = r.findings[0]!.flow!;
    expect(flow.map((s) => [s.path ?? 'app/views.py', s.message])).toEqual([
      ['app/views.py', 'user input from request.args'],
      ['app/views.py', 'passed to run_query() in app/db.py'],
      ['app/db.py', 'assigned to sql'],
      ['app/db.py', 'reaches conn.execute in app/db.py'],
      ['app/views.py', 'reaches conn.execute in app/db.py through run_query()'],
    ]);
    const sarif = toSarif(r, rules, { workspace: dir, category: 'k' });
    const uris = sarif.runs[0]!.results![0]!.codeFlows![0]!.threadFlows[0]!.locations.map((l) => l.location?.physicalLocation?.artifactLocation?.uri);
    expect(uris).toContain('app/db.py');
  });
});
