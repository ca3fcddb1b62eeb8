// Provider credential formats (GitHub, AWS, Slack, Stripe…) and private-key blocks, with offline validity checks.
import { nameWords } from './name-words.js';
import { isSequential, shannonEntropy } from './secret-values.js';

export interface ProviderFormat {
  /** The catalog sub-id, `secret/<provider>`. */
  subId: string;
  /** What the value is, for messages: "GitHub token". */
  label: string;
}

export interface ProviderMatch extends ProviderFormat {
  /** The matched credential text. */
  value: string;
  /** Offset of the match in the scanned text. */
  index: number;
  /** A lower level than the rule's default: temporary or test-mode credentials, JWTs, URL passwords. */
  level?: 'warning' | 'note';
  /** A sandbox, test-mode or localhost credential: not reported in test code. */
  sandbox?: boolean;
}

/** Where the scanned text sits, as far as the formats care. */
export interface FormatContext {
  /** Names the literal is bound to (assignment targets, keywords, dict keys) and the receiving call's dotted name. */
  names: readonly string[];
  /** The text is a comment or a docstring: only self-identifying provider formats are looked for. */
  documentation: boolean;
  /** The file imports the provider's SDK (for formats that only identify themselves in context). */
  importsModule(name: string): boolean;
}

interface Candidate {
  value: string;
  index: number;
  /** The whole scanned text. */
  text: string;
}

interface Format extends ProviderFormat {
  pattern: RegExp;
  /** Capture group holding the credential (default: the whole match). */
  group?: number;
  /** The format identifies itself (a unique prefix); context-dependent ones are skipped in documentation. */
  selfIdentifying: boolean;
  /** The format is looked for in this text and context at all (context-dependent formats). */
  applies?(text: string, context: FormatContext): boolean;
  /** Offline checks beyond the pattern; returns false to drop the candidate, or level/sandbox adjustments. */
  validate?(c: Candidate, context: FormatContext): boolean | Pick<ProviderMatch, 'level' | 'sandbox'>;
}

// --- checksums and decoders -----------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, the zlib/binascii.crc32 variant) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 digits of n, left-padded with '0' to width. */
export function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  do {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub's (and npm's) token checksum: the last six characters are the CRC-32 of the thirty random characters
 * after the prefix, in base62. A typo or an invented token almost never satisfies it.
 */
export function hasValidTokenChecksum(token: string): boolean {
  const underscore = token.indexOf('_');
  if (underscore < 0) return false;
  const body = token.slice(underscore + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function base64UrlDecode(text: string): string | undefined {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  try {
    return Buffer.from(clean, 'base64').toString('latin1');
  } catch {
    return undefined;
  }
}

function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Stand-ins in documentation and samples: `EXAMPLE`, runs of `X` or of one character. */
function isPlaceholderBody(body: string): boolean {
  return /example|x{6,}|(.)\1{7,}|0{8,}|1234567/i.test(body);
}

/** Random enough for a generated credential: not a placeholder, not a sequence, entropy above the floor. */
function random(body: string, floor = 3): boolean {
  return !isPlaceholderBody(body) && !isSequential(body) && shannonEntropy(body) >= floor;
}

function nameHas(context: FormatContext, ...words: string[]): boolean {
  return context.names.some((n) => {
    const w = nameWords(n);
    return words.every((x) => w.includes(x) || n.toLowerCase().includes(x));
  });
}

// --- the formats ----------------------------------------------------------------------------------

const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';
const EH = '(?![A-Za-z0-9_-])';

const FORMATS: Format[] = [
  {
    subId: 'secret/aws-access-key-id',
    label: 'AWS access key ID',
    pattern: new RegExp(`${B}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}${E}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => {
      if (!random(value.slice(4), 3) || /EXAMPLE$/.test(value)) return false;
      return value.startsWith('ASIA') ? { level: 'warning' } : true; // temporary STS credentials expire
    },
  },
  {
    subId: 'secret/aws-secret-access-key',
    label: 'AWS secret access key',
    // In a config text: `aws_secret_access_key = …`.
    pattern: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    selfIdentifying: false,
    validate: ({ value }) => awsSecret(value),
  },
  {
    subId: 'secret/aws-secret-access-key',
    label: 'AWS secret access key',
    // A whole literal bound to an AWS secret name or passed to an AWS SDK call as the secret.
    pattern: /^[A-Za-z0-9/+]{40}$/g,
    selfIdentifying: false,
    applies: (_text, context) => awsSecretContext(context),
    validate: ({ value }) => awsSecret(value),
  },
  {
    subId: 'secret/github-token',
    label: 'GitHub token',
    pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36}${E}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => hasValidTokenChecksum(value),
  },
  {
    subId: 'secret/github-token',
    label: 'GitHub fine-grained token',
    pattern: new RegExp(`${B}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${E}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(11), 3.5),
  },
  {
    subId: 'secret/gitlab-token',
    label: 'GitLab token',
    pattern: new RegExp(
      `${B}(?:(?:glpat|gldt|glrt|glft|glsoat|glcbt|gloas)-[A-Za-z0-9_-]{20,}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{7,9})?|glptt-[0-9a-f]{40}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}|GR1348941[A-Za-z0-9_-]{20})${EH}`,
      'g',
    ),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(value.indexOf('-') + 1 || 9), 3),
  },
  {
    subId: 'secret/slack-token',
    label: 'Slack token',
    pattern: new RegExp(
      `${B}(?:xox[baprso]-\\d{6,13}(?:-\\d{6,13}){0,3}-[A-Za-z0-9-]{8,}|xoxe(?:\\.xox[bp])?-\\d-[A-Z0-9]{100,}|xapp-\\d-[A-Z0-9]{8,}-\\d{6,}-[a-z0-9]{16,})${EH}`,
      'g',
    ),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(5), 3),
  },
  {
    subId: 'secret/slack-webhook',
    label: 'Slack webhook URL',
    pattern: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{30,}/g,
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(value.indexOf('slack.com/') + 10), 3),
  },
  {
    subId: 'secret/stripe-key',
    label: 'Stripe secret key',
    pattern: new RegExp(`${B}(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}${E}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => {
      if (!random(value.slice(8), 3)) return false;
      return value.includes('_test_') ? { level: 'note', sandbox: true } : true;
    },
  },
  {
    subId: 'secret/google-api-key',
    label: 'Google API key',
    pattern: new RegExp(`${B}AIza[A-Za-z0-9_-]{35}${EH}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(4), 3),
  },
  {
    subId: 'secret/openai-api-key',
    label: 'OpenAI API key',
    pattern: new RegExp(`${B}sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80}${EH}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => random(value.replace('T3BlbkFJ', ''), 3.5),
  },
  {
    subId: 'secret/anthropic-api-key',
    label: 'Anthropic API key',
    pattern: new RegExp(`${B}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${EH}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(14, -2), 3.5),
  },
  {
    subId: 'secret/huggingface-token',
    label: 'Hugging Face token',
    pattern: new RegExp(`${B}(?:hf_|api_org_)[A-Za-z]{34}${E}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(value.startsWith('hf_') ? 3 : 8), 3.5) && /[A-Z]/.test(value) && /[a-z]/.test(value.slice(3)),
  },
  {
    subId: 'secret/npm-token',
    label: 'npm access token',
    pattern: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => hasValidTokenChecksum(value) || random(value.slice(4), 3.5),
  },
  {
    subId: 'secret/pypi-token',
    label: 'PyPI API token',
    pattern: new RegExp(`${B}pypi-AgE[A-Za-z0-9_-]{60,}${EH}`, 'g'),
    selfIdentifying: true,
    // The macaroon's first caveat names the index it is valid for.
    validate: ({ value }) => (base64UrlDecode(value.slice(5, 33)) ?? '').includes('pypi.org'),
  },
  {
    subId: 'secret/sendgrid-api-key',
    label: 'SendGrid API key',
    pattern: new RegExp(`${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${EH}`, 'g'),
    selfIdentifying: true,
    validate: ({ value }) => random(value.slice(3), 3.5),
  },
  {
    subId: 'secret/twilio-api-key',
    label: 'Twilio API key',
    // Twilio key SIDs are `SK` + 32 lower-case hex digits; alone in a literal, or with Twilio in sight.
    pattern: new RegExp(`${B}SK[0-9a-f]{32}${E}`, 'g'),
    selfIdentifying: false,
    validate: ({ value, text }, context) =>
      random(value.slice(2), 3) && (value.length === text.length || nameHas(context, 'twilio') || context.importsModule('twilio')),
  },
  {
    subId: 'secret/azure-credential',
    label: 'Azure storage account key',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    group: 1,
    selfIdentifying: true,
    validate: ({ value }) => random(value, 4),
  },
  {
    subId: 'secret/azure-credential',
    label: 'Azure Entra ID client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    selfIdentifying: true,
    validate: ({ value }) => random(value, 3.5) && /[A-Z]/.test(value) && /[a-z]/.test(value),
  },
  {
    subId: 'secret/jwt',
    label: 'JSON Web Token',
    pattern: new RegExp(`${B}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*${EH}`, 'g'),
    selfIdentifying: false,
    validate: ({ value }) => {
      const [header, payload] = value.split('.');
      const h = jsonObject(base64UrlDecode(header!));
      if (!h || typeof h.alg !== 'string' || !jsonObject(base64UrlDecode(payload!))) return false;
      return h.alg.toLowerCase() === 'none' ? { level: 'warning', sandbox: true } : { level: 'warning' };
    },
  },
  {
    subId: 'secret/url-embedded-credentials',
    label: 'password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/?#@'"]*):([^\s/?#@'"]+)@([A-Za-z0-9.[\]_-]+)/gi,
    group: 2,
    selfIdentifying: false,
    validate: ({ value }) => urlPassword(value),
  },
];

/** Passwords in URLs that are really stand-ins: `password`, `pass`, `${DB_PASS}`, `<password>`, `***`, `{}`, `%s`. */
function urlPassword(password: string): boolean | Pick<ProviderMatch, 'level' | 'sandbox'> {
  let p: string;
  try {
    p = decodeURIComponent(password);
  } catch {
    p = password;
  }
  if (p.length < 3) return false;
  if (/^[*x.•]+$/i.test(p) || /^(.)\1+$/.test(p)) return false;
  if (/[{}$<>%[\]]/.test(p)) return false; // templates: ${X}, {x}, <x>, %s, %(x)s, [x]
  if (/^(password|passwd|pass|pwd|secret|token|apikey|api_key|key|changeme|changeit|example|sample|dummy|fake|test|user|username|admin|root|guest|anonymous|none|null|redacted|hidden|placeholder|my_?password|your_?password|mypass|yourpass|pw|xxx+)$/i.test(p)) return false;
  if (/^(your|my)[-_]?/i.test(p) || /change[-_]?me|replace|redacted|placeholder|example/i.test(p)) return false;
  return { level: 'warning' };
}

/** Values of a URL match: host, to treat localhost credentials as test-only. */
function isLocalHost(match: RegExpExecArray): boolean {
  const host = (match[3] ?? '').toLowerCase();
  return host === 'localhost' || host.startsWith('127.') || host === '0.0.0.0' || host === '[::1]' || host.endsWith('.local') || host.endsWith('.test') || host.endsWith('.example') || host === 'example.com' || host.endsWith('.example.com');
}

/** Cheap keyword pre-filter (as gitleaks does): one of the formats' fixed markers must occur before any pattern runs. */
const MARKERS = /AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ft|soat|cbt|oas|ptt|imt|agent)-|GR1348941|xox|xapp-|hooks\.slack\.com|[sr]k_(?:live|test|prod)_|AIza|T3BlbkFJ|sk-ant-|hf_|api_org_|npm_|pypi-AgE|SG\.|SK[0-9a-f]{32}|AccountKey=|Q~|eyJ|:\/\/[^\s@/]*:[^\s@/]*@|aws_?secret/i;

/** Every provider credential in text (a string literal's value or a comment). */
export function findProviderCredentials(text: string, context: FormatContext): ProviderMatch[] {
  if (text.length < 16) return [];
  if (!MARKERS.test(text) && !(text.length === 40 && awsSecretContext(context))) return [];
  const out: ProviderMatch[] = [];
  for (const format of FORMATS) {
    if (context.documentation && !format.selfIdentifying) continue;
    if (format.applies && !format.applies(text, context)) continue;
    format.pattern.lastIndex = 0;
    for (let m = format.pattern.exec(text); m; m = format.pattern.exec(text)) {
      const value = m[format.group ?? 0] ?? m[0];
      const index = m.index + m[0].indexOf(value);
      const verdict = format.validate ? format.validate({ value, index, text }, context) : true;
      if (verdict === false) continue;
      const extra = verdict === true ? {} : verdict;
      if (format.subId === 'secret/url-embedded-credentials' && isLocalHost(m)) extra.sandbox = true;
      out.push({ subId: format.subId, label: format.label, value, index, ...extra });
      if (out.length >= 8) return out;
    }
  }
  return out;
}

function awsSecret(value: string): boolean {
  return random(value, 4) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
}

/** The literal is bound to an AWS secret name (`aws_secret_access_key=`, `AWS_SECRET`) or passed to an AWS SDK call. */
function awsSecretContext(context: FormatContext): boolean {
  if (nameHas(context, 'aws', 'secret')) return true;
  const sdk = context.names.some((n) => /^(boto3|botocore|aiobotocore|aioboto3|s3fs)$/.test(n));
  return sdk && context.names.some((n) => nameWords(n).includes('secret'));
}

// --- private keys ----------------------------------------------------------------------------------

export interface PrivateKeyBlock {
  /** The header's kind: "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK". */
  kind: string;
  index: number;
  /** The key is encrypted with a passphrase (PKCS#8 ENCRYPTED, or a legacy `Proc-Type: 4,ENCRYPTED` header). */
  encrypted: boolean;
}

const KEY_HEADER = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED |ANY )?PRIVATE KEY(?: BLOCK)?)-----/g;

/** PEM, OpenSSH and PGP private-key blocks with a plausible base64 body (headers alone are detection code, not keys). */
export function findPrivateKeys(text: string): PrivateKeyBlock[] {
  if (!text.includes('PRIVATE KEY')) return [];
  const out: PrivateKeyBlock[] = [];
  KEY_HEADER.lastIndex = 0;
  for (let m = KEY_HEADER.exec(text); m; m = KEY_HEADER.exec(text)) {
    const kind = m[1]!;
    const start = m.index + m[0].length;
    const end = text.indexOf('-----END', start);
    const block = text.slice(start, end < 0 ? undefined : end);
    const lines = block.split(/\r?\n/).filter((l) => !/^[A-Za-z-]+:/.test(l.trim()) && !/^=/.test(l.trim()));
    const body = lines.join('').replace(/\s+/g, '').replace(/\\n/g, '');
    if (!/^[A-Za-z0-9+/=]+$/.test(body) || body.length < 64) continue;
    if (/(.)\1{15,}/.test(body) || /example|x{8,}/i.test(body) || shannonEntropy(body) < 4) continue;
    out.push({ kind, index: m.index, encrypted: kind.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(block) });
  }
  return out;
}
