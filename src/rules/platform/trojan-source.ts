// trojan-source: characters that make source code read differently from how Python runs it — bidirectional controls,
// invisible characters in identifiers, look-alike letters from other scripts mixed into one word, disguised ASCII.
import type { RuleContext } from '../../engine/context.js';
import type { Region } from '../../engine/finding.js';
import { defineRule, type Level } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

const BIDI: Record<string, string> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u061C': 'ARABIC LETTER MARK',
};
/** Direction marks: no reordering of their own, and normal inside right-to-left text. */
const MARKS = new Set(['\u200E', '\u200F', '\u061C']);
const BIDI_PATTERN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** Characters that show as nothing (or as a blank) but make an identifier a different name. */
const INVISIBLE: Record<string, string> = {
  '\u00AD': 'SOFT HYPHEN',
  '\u115F': 'HANGUL CHOSEONG FILLER',
  '\u1160': 'HANGUL JUNGSEONG FILLER',
  '\u180E': 'MONGOLIAN VOWEL SEPARATOR',
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u2060': 'WORD JOINER',
  '\u2061': 'FUNCTION APPLICATION',
  '\u2062': 'INVISIBLE TIMES',
  '\u2063': 'INVISIBLE SEPARATOR',
  '\u2064': 'INVISIBLE PLUS',
  '\u3164': 'HANGUL FILLER',
  '\uFEFF': 'ZERO WIDTH NO-BREAK SPACE',
  '\uFFA0': 'HALFWIDTH HANGUL FILLER',
};
const NON_ASCII = /[\u0080-\uFFFF]/;
/** A run of identifier characters (and the invisible ones above, which Python would reject or fold into the name). */
const IDENTIFIER_RUN = /[\p{L}\p{M}\p{N}\p{Pc}\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]+/gu;

const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Cherokee', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali',
  'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar',
  'Ethiopic', 'Khmer', 'Mongolian', 'Hangul', 'Hiragana', 'Katakana', 'Bopomofo', 'Han', 'Coptic', 'Tifinagh', 'Canadian_Aboriginal',
].map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }));
/** Script mixes that are ordinary writing (Unicode TS #39 "highly restrictive"): Latin with the CJK scripts of one language. */
const ALLOWED_MIXES = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];
/** For a word written in a script, the letters of other scripts that look like one of its letters (homoglyphs). */
const LOOKALIKES: Record<string, ReadonlySet<string>> = {
  Latin: new Set([
    ...'аеорсухіјѕһԁԛԝӏкмнтвАВЕКМНОРСТХІЈЅҮ', // Cyrillic
    ...'αοντυικχγρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', // Greek
    ...'օսոհզցաՏՕՍ', // Armenian
    ...'ᎪᏴᏟᎬᎻᎫᏦᎷᏢᏚᎢᎳᏃ', // Cherokee
  ]),
  Cyrillic: new Set([...'aceopxyijshdqwlABCEHIJKMOPSTXY', ...'αοκχρΑΒΕΗΙΚΜΟΡΤΥΧ']),
  Greek: new Set([...'aoviukxypABEZHIKMNOPTYX', ...'аоркхуАВЕКМНОРСТХ']),
  Armenian: new Set([...'ounhqgSOU']),
};

function scriptOf(ch: string): string | undefined {
  if (!/[\p{L}\p{M}]/u.test(ch) || /[\p{Script=Common}\p{Script=Inherited}]/u.test(ch)) return undefined;
  return SCRIPTS.find((s) => s.pattern.test(ch))?.name;
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The identifier with invisible and control characters written as escapes, for messages. */
function visible(text: string): string {
  return [...text].map((c) => (INVISIBLE[c] || BIDI[c] ? `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}` : c)).join('');
}

/** Why a word mixing scripts is suspicious: the look-alike letters from a script other than the word's main one. */
function homoglyphs(identifier: string): { main: string; others: string[] } | undefined {
  // Judge each word on its own: `get_пользователь` joins an English and a Russian word, `pаssword` hides one letter.
  for (const word of identifier.split(/[_\p{N}]+/u)) {
    const counts = new Map<string, number>();
    const letters: [string, string][] = [];
    for (const ch of word) {
      const script = scriptOf(ch);
      if (!script) continue;
      letters.push([ch, script]);
      counts.set(script, (counts.get(script) ?? 0) + 1);
    }
    if (counts.size < 2) continue;
    const scripts = new Set(counts.keys());
    if (ALLOWED_MIXES.some((allowed) => [...scripts].every((s) => allowed.has(s)))) continue;
    // The word's main script has the most letters; on a tie Latin, the script most names are written in.
    const main = [...counts].sort((a, b) => b[1] - a[1] || (a[0] === 'Latin' ? -1 : b[0] === 'Latin' ? 1 : 0))[0]![0];
    const lookalikes = LOOKALIKES[main];
    const others = letters.filter(([ch, s]) => s !== main && lookalikes?.has(ch));
    if (others.length > 0) return { main, others: [...new Set(others.map(([ch, s]) => `"${ch}" (${codePoint(ch)}, ${s})`))] };
  }
  return undefined;
}

/** Non-ASCII characters that Python's NFKC normalisation turns into ASCII: `ｅｖａｌ` and `𝐞𝐯𝐚𝐥` are both `eval`. */
function disguisedAscii(identifier: string): string | undefined {
  const normalised = identifier.normalize('NFKC');
  if (normalised === identifier) return undefined;
  return [...identifier].some((c) => NON_ASCII.test(c) && !NON_ASCII.test(c.normalize('NFKC'))) ? normalised : undefined;
}

/** Where a character sits: in a comment, in the text of a string literal, or in code (identifiers included). */
interface Place {
  kind: 'comment' | 'string' | 'code';
  /** The comment, the string literal, or the innermost node at the character. */
  node: SyntaxNode;
  /** The leaf holding the character (the comment, the string_content…). */
  leaf: SyntaxNode;
}

function placeOf(root: SyntaxNode, index: number): Place {
  const leaf = root.descendantForIndex(index, index + 1) ?? root;
  for (let n: SyntaxNode | null = leaf; n; n = n.parent) {
    if (n.type === 'comment') return { kind: 'comment', node: n, leaf };
    if (n.type === 'interpolation') break;
    if (n.type === 'string') return { kind: 'string', node: n, leaf };
  }
  return { kind: 'code', node: leaf, leaf };
}

/** Method calls whose string arguments are looked for or removed, not shown: `text.replace("\u202e", "")`. */
const SEARCH_METHODS = new Set([
  'replace', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'count', 'find', 'rfind', 'index', 'rindex', 'startswith', 'endswith',
  'removeprefix', 'removesuffix', 'partition', 'rpartition', 'maketrans', '__contains__',
]);
const SEARCH_FUNCTIONS = /^(re\.(compile|search|match|fullmatch|findall|finditer|sub|subn|split)|regex\.\w+|ord|str\.maketrans)$/;
/** Calls that only collect their argument into a container, whose own use then decides. */
const COLLECTORS = new Set(['frozenset', 'set', 'tuple', 'list']);
const MAX_USE_DEPTH = 4;

/**
 * The literal is only ever compared, searched for, or iterated over: a table of characters a sanitiser looks for
 * (`if ch in BIDI_CONTROLS`), not text shown to a reader. Follows module constants to their uses in the file.
 */
function isOnlySearchedFor(expr: SyntaxNode, ctx: RuleContext, depth = 0): boolean {
  if (depth > MAX_USE_DEPTH) return false;
  let node = expr;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'parenthesized_expression':
      case 'concatenated_string':
      case 'set':
      case 'list':
      case 'tuple':
      case 'expression_list':
        continue;
      case 'pair':
        if (parent.childForFieldName('key')?.id !== node.id) return false;
        continue;
      case 'dictionary':
        continue;
      case 'comparison_operator':
        return true;
      case 'for_statement':
      case 'for_in_clause':
        return parent.childForFieldName('right')?.id === node.id;
      case 'argument_list': {
        const call = parent.parent;
        if (call?.type !== 'call') return false;
        const fn = call.childForFieldName('function');
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
        if (method && SEARCH_METHODS.has(method)) return method !== 'replace' || parent.namedChildren[0]?.id === node.id;
        const callee = ctx.callee(call) ?? '';
        if (SEARCH_FUNCTIONS.test(callee)) return true;
        if (COLLECTORS.has(callee)) {
          parent = call;
          continue;
        }
        return false;
      }
      case 'assignment': {
        const target = parent.childForFieldName('left');
        if (parent.childForFieldName('right')?.id !== node.id || target?.type !== 'identifier') return false;
        const uses = ctx.references(target);
        return uses.length > 0 && uses.every((u) => isOnlySearchedFor(u, ctx, depth + 1));
      }
      default:
        return false;
    }
  }
  return false;
}

/** The literal holds control characters and punctuation only (`"\u202e"`, `"[\u202a-\u202e]"` written raw), no words that could hide code. */
function isCharacterTable(literal: SyntaxNode): boolean {
  const content = literal.namedChildren
    .filter((c): c is SyntaxNode => c?.type === 'string_content')
    .map((c) => c.text)
    .join('');
  return !/[\p{L}\p{N}]/u.test(content.replace(BIDI_PATTERN, ''));
}

/**
 * The 1-based region of characters at a UTF-16 offset inside leaf: the line counted from the leaf's start (so the
 * file is never re-read from its top), the column from the nearest line break before the offset.
 */
function regionAt(source: string, leaf: SyntaxNode, index: number, length: number): Region {
  let line = leaf.startPosition.row + 1;
  const from = Math.min(leaf.startIndex, index);
  for (let i = source.indexOf('\n', from); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++;
  const column = index - (source.lastIndexOf('\n', index - 1) + 1) + 1;
  return { startLine: line, startColumn: column, endLine: line, endColumn: column + length };
}

interface BidiGroup {
  place: Place;
  region: Region;
  chars: Set<string>;
}

function names(chars: Iterable<string>): string {
  return [...chars].map((c) => `${codePoint(c)} ${BIDI[c] ?? INVISIBLE[c] ?? ''}`.trim()).join(', ');
}

function reportBidi(group: BidiGroup, ctx: RuleContext): void {
  const { place, region } = group;
  const list = names(group.chars);
  let level: Level | undefined;
  let message: string;
  if (place.kind === 'comment') {
    message = `Comment holds the bidirectional control character ${list}, which can make the code around it display in an order other than the one Python runs; remove it.`;
  } else if (place.kind === 'string') {
    const marksInRtlText = [...group.chars].every((c) => MARKS.has(c)) && RTL_LETTER.test(place.node.text);
    if (marksInRtlText || (isCharacterTable(place.node) && isOnlySearchedFor(place.node, ctx))) level = 'note';
    message = `String literal holds the raw bidirectional control character ${list}, which can reorder how the line displays; write it as an escape such as "\\u${group.chars.values().next().value!.charCodeAt(0).toString(16).padStart(4, '0')}".`;
  } else {
    const what = place.leaf.type === 'identifier' ? 'Identifier' : 'Code';
    message = `${what} holds the bidirectional control character ${list}, which changes how the line displays without being visible; remove it.`;
  }
  ctx.report(place.node, message, level ? { region, level } : { region });
}

export const trojanSource = defineRule({
  id: 'trojan-source',
  title: 'Bidirectional control, invisible or look-alike characters in source code (Trojan Source)',
  family: 'platform',
  checklist: ['Code Injection Prevention', 'Dependency Security'],
  level: 'error',
  securitySeverity: 7.0,
  precision: 'high',
  tier: 'default',
  cwe: [838, 1007],
  compatible: { bandit: ['B613'] },
  docs: {
    whatItDoes:
      'Reports characters that make code display differently from how Python reads it: raw Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) in comments, string literals, identifiers or anywhere else in code; invisible characters (zero-width space and joiners, word joiner, U+FEFF after the start of the file, Hangul fillers) in identifiers; identifiers in which one word mixes letters of different scripts that look alike (a Cyrillic `а` inside `pаssword`); and identifiers written with compatibility characters that Python normalises to plain ASCII (`ｅｖａｌ`). Escapes such as `"\\u202e"` are never reported; raw controls in a string that is only compared, searched for or iterated over (a sanitiser\'s character table), and direction marks inside right-to-left text, are reported as notes. Ruff reports the bidirectional part as PLE2502.',
    whyBad:
      'Editors and code review tools render bidirectional text by the Unicode algorithm, so a right-to-left override in a comment or string can make the rest of a line appear in another order: a reviewer sees a harmless comment where Python sees a `return`, or an early-closed string where the interpreter sees code (CVE-2021-42574, "Trojan Source"). Invisible characters and look-alike letters create names that look identical to existing ones but are different variables or functions, which hides a substituted check or a shadowed function in plain sight (CVE-2021-42694).',
    example: 'def is_admin(user):\n    access_level = "user"\n    if access_level != "user\u202E \u2066# admin\u2069 \u2066":\n        return True\n    return False\n',
    useInstead: 'def is_admin(user):\n    access_level = "user"\n    if access_level != "user":\n        return True\n    return False\n',
    references: [
      'https://trojansource.codes/',
      'https://nvd.nist.gov/vuln/detail/CVE-2021-42574',
      'https://cwe.mitre.org/data/definitions/1007.html',
      'https://www.unicode.org/reports/tr39/',
      'https://peps.python.org/pep-0672/',
    ],
  },
  visitors: {
    module(root, ctx) {
      // One pass over the source: each non-ASCII character is placed in the tree; a comment or string text holding
      // one is then read to its end for bidirectional controls and skipped; in code, the identifier around it is judged.
      const source = ctx.source;
      const groups = new Map<string, BidiGroup>();
      const addBidi = (place: Place, index: number, ch: string) => {
        const region = regionAt(source, place.leaf, index, 1);
        const key = `${region.startLine}:${place.node.id}`;
        const group = groups.get(key);
        if (group) group.chars.add(ch);
        else groups.set(key, { place, region, chars: new Set([ch]) });
      };
      const seen = new Set<string>();
      const scan = /[\u0080-\uFFFF]/g;
      scan.lastIndex = source.charCodeAt(0) === 0xfeff ? 1 : 0;
      for (let m = scan.exec(source); m; m = scan.exec(source)) {
        const index = m.index;
        const place = placeOf(root, index);
        if (place.kind !== 'code') {
          const end = Math.max(index + 1, place.leaf.endIndex);
          for (const b of source.slice(index, end).matchAll(BIDI_PATTERN)) addBidi(place, index + b.index, b[0]);
          scan.lastIndex = end;
          continue;
        }
        if (BIDI[m[0]]) {
          addBidi(place, index, m[0]);
          continue;
        }
        const lineStart = source.lastIndexOf('\n', index) + 1;
        const lineEnd = source.indexOf('\n', index);
        const line = source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd);
        const run = [...line.matchAll(IDENTIFIER_RUN)].find((r) => lineStart + r.index <= index && index < lineStart + r.index + r[0].length);
        if (!run) continue;
        const runStart = lineStart + run.index;
        const text = run[0];
        scan.lastIndex = runStart + text.length;
        if (seen.has(text)) continue;
        seen.add(text);
        const region = regionAt(source, place.leaf, runStart, text.length);
        const hidden = [...text].filter((c) => INVISIBLE[c]);
        if (hidden.length > 0) {
          ctx.report(place.node, `Identifier "${visible(text)}" holds the invisible character ${names(new Set(hidden))}, so it is a different name from the one it looks like; remove it.`, { region });
          continue;
        }
        const mixed = homoglyphs(text);
        if (mixed) {
          ctx.report(place.node, `Identifier "${text}" mixes ${mixed.main} letters with the look-alike ${mixed.others.join(', ')}, so it is a different name from the one it looks like; spell it in one script.`, { region });
          continue;
        }
        const ascii = disguisedAscii(text);
        if (ascii !== undefined) {
          ctx.report(place.node, `Identifier "${text}" is written with compatibility characters that Python reads as "${ascii}"; write "${ascii}" with plain letters.`, { region });
        }
      }
      for (const group of groups.values()) reportBidi(group, ctx);
    },
  },
});
