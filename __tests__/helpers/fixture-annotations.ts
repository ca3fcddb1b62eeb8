// Parses `# expect:`, `# ok:`, `# todo-expect:` and `# todo-ok:` annotations in rule fixtures.
export type AnnotationKind = 'expect' | 'ok' | 'todo-expect' | 'todo-ok';

export interface Annotation {
  kind: AnnotationKind;
  ruleId: string;
  /** 1-based line the annotation applies to. */
  line: number;
  /** Optional 1-based column the finding must start at. */
  column?: number;
}

const MARKER = /#\s*(todo-expect|todo-ok|expect|ok):\s*([^#]*)/g;

export function parseAnnotations(source: string): Annotation[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: Annotation[] = [];
  const pending: Omit<Annotation, 'line'>[] = [];
  lines.forEach((text, index) => {
    const lineNo = index + 1;
    const standalone = /^\s*#/.test(text);
    const found: Omit<Annotation, 'line'>[] = [];
    for (const m of text.matchAll(MARKER)) {
      const kind = m[1] as AnnotationKind;
      for (const item of m[2]!.split(',')) {
        const parts = item.trim().split(/\s+/).filter(Boolean);
        if (parts.length === 0) continue;
        const column = parts.length > 1 && /^\d+$/.test(parts[0]!) ? Number(parts.shift()) : undefined;
        found.push({ kind, ruleId: parts[0]!, ...(column !== undefined ? { column } : {}) });
      }
    }
    if (standalone) {
      pending.push(...found);
      return;
    }
    if (text.trim() === '') return;
    for (const a of [...pending, ...found]) out.push({ ...a, line: lineNo });
    pending.length = 0;
  });
  return out;
}
