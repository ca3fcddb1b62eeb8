// pycrypto-unmaintained: imports of the `Crypto` namespace where nothing in the file shows it is PyCryptodome.
import type { RuleContext } from '../../engine/context.js';
import { defineRule } from '../../engine/rule.js';
import type { SyntaxNode } from '../../parser/python.js';

/**
 * Modules and names only PyCryptodome provides. A file that uses one of them under `Crypto` imports PyCryptodome's
 * drop-in package, not the abandoned PyCrypto.
 */
const PYCRYPTODOME_ONLY = [
  'Crypto.Util.Padding',
  'Crypto.PublicKey.ECC',
  'Crypto.Signature.pss',
  'Crypto.Signature.pkcs1_15',
  'Crypto.Signature.DSS',
  'Crypto.Signature.eddsa',
  'Crypto.Cipher.ChaCha20',
  'Crypto.Cipher.ChaCha20_Poly1305',
  'Crypto.Cipher.Salsa20',
  'Crypto.Hash.SHA3_224',
  'Crypto.Hash.SHA3_256',
  'Crypto.Hash.SHA3_384',
  'Crypto.Hash.SHA3_512',
  'Crypto.Hash.BLAKE2b',
  'Crypto.Hash.BLAKE2s',
  'Crypto.Hash.SHAKE128',
  'Crypto.Hash.SHAKE256',
  'Crypto.Hash.KMAC128',
  'Crypto.Hash.KMAC256',
  'Crypto.Hash.cSHAKE128',
  'Crypto.Hash.TupleHash128',
  'Crypto.Hash.Poly1305',
  'Crypto.Hash.CMAC',
  'Crypto.Protocol.KDF.scrypt',
  'Crypto.Protocol.KDF.bcrypt',
  'Crypto.Protocol.KDF.HKDF',
  'Crypto.Protocol.KDF.SP800_108_Counter',
  'Crypto.Protocol.DH',
  'Crypto.IO.PEM',
  'Crypto.IO.PKCS8',
  'Crypto.Math',
];

/** AEAD and modern modes that PyCrypto never had: `AES.new(key, AES.MODE_GCM)` proves PyCryptodome. */
const MODERN_MODES = new Set(['MODE_GCM', 'MODE_EAX', 'MODE_SIV', 'MODE_OCB', 'MODE_CCM', 'MODE_OPENPGP', 'MODE_KW', 'MODE_KWP']);

/** Memo per file: whether the `Crypto` namespace is known to come from PyCryptodome. */
const pycryptodomeFiles = new WeakMap<RuleContext, boolean>();

function isPycryptodome(ctx: RuleContext): boolean {
  const known = pycryptodomeFiles.get(ctx);
  if (known !== undefined) return known;
  let result = PYCRYPTODOME_ONLY.some((m) => ctx.importsModule(m));
  if (!result) {
    result = ['AES', 'DES3', 'DES', 'Blowfish', 'CAST', 'ARC2'].some((c) =>
      ctx.callsTo(`Crypto.Cipher.${c}.new`).some((call) => {
        const mode = ctx.argument(call, 1, 'mode');
        const name = mode ? ctx.qualifiedName(mode) : undefined;
        return name !== undefined && MODERN_MODES.has(name.slice(name.lastIndexOf('.') + 1));
      }),
    );
  }
  pycryptodomeFiles.set(ctx, result);
  return result;
}

/** The statement imports from the pycryptodomex namespace (`import Cryptodome.Cipher`, `from Cryptodome.Hash import SHA256`). */
function importsCryptodome(statement: SyntaxNode): boolean {
  const names =
    statement.type === 'import_from_statement'
      ? [statement.childForFieldName('module_name')]
      : statement.type === 'import_statement'
        ? statement.childrenForFieldName('name').map((n) => (n.type === 'aliased_import' ? n.childForFieldName('name') : n))
        : [];
  return names.some((n) => n?.type === 'dotted_name' && /^Cryptodome(\.|$)/.test(n.text.replace(/\s+/g, '')));
}

/** Statements of a block, and of the blocks of its `try` statements (`try: import x` nested in an `if`). */
function blockImportsCryptodome(block: SyntaxNode | null | undefined): boolean {
  for (const stmt of block?.namedChildren ?? []) {
    if (!stmt) continue;
    if (importsCryptodome(stmt)) return true;
    if (stmt.type === 'try_statement' && blockImportsCryptodome(stmt.childForFieldName('body'))) return true;
  }
  return false;
}

/**
 * The import is one side of a fallback between the two namespaces: `try: from Cryptodome… except ImportError:
 * from Crypto…` (either order) or an if/else on a feature flag. The author targets PyCryptodome.
 */
function isCryptodomeFallback(node: SyntaxNode, ctx: RuleContext): boolean {
  if (ctx.alternativeBranches(node).some((b) => blockImportsCryptodome(b))) return true;
  const block = node.parent;
  const tryStatement = block?.parent;
  if (block?.type !== 'block' || tryStatement?.type !== 'try_statement' || tryStatement.childForFieldName('body')?.id !== block.id) return false;
  return tryStatement.namedChildren.some((c) => c?.type === 'except_clause' && c.namedChildren.some((b) => b?.type === 'block' && blockImportsCryptodome(b)));
}

/** The `Crypto` modules an import statement names (`import Crypto.Cipher`, `from Crypto.Hash import SHA256`). */
function cryptoModule(node: SyntaxNode): string | undefined {
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    if (module?.type !== 'dotted_name') return undefined; // relative imports are the project's own modules
    const text = module.text.replace(/\s+/g, '');
    return text === 'Crypto' || text.startsWith('Crypto.') ? text : undefined;
  }
  for (const name of node.childrenForFieldName('name')) {
    const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
    const text = dotted?.text.replace(/\s+/g, '');
    if (text !== undefined && (text === 'Crypto' || text.startsWith('Crypto.'))) return text;
  }
  return undefined;
}

export const pycryptoUnmaintained = defineRule({
  id: 'pycrypto-unmaintained',
  title: 'Import of the unmaintained PyCrypto package',
  family: 'dependencies',
  checklist: ['Dependency Security', 'Cryptography'],
  level: 'warning',
  securitySeverity: 5.3,
  precision: 'high',
  tier: 'extended',
  cwe: [1104],
  compatible: { bandit: ['B413'], ruff: ['S413'] },
  docs: {
    whatItDoes:
      'Reports imports from the `Crypto` namespace (`import Crypto.Cipher`, `from Crypto.PublicKey import RSA`) in files where nothing shows that the namespace is provided by PyCryptodome, the maintained drop-in replacement. An import is not reported when it is the fallback half of a `try`/`except ImportError` (or if/else) choice with the `Cryptodome` namespace of pycryptodomex, nor when the file uses an API that PyCrypto never had: `Crypto.Util.Padding`, `Crypto.PublicKey.ECC`, `Crypto.Signature.pss`/`pkcs1_15`/`DSS`, ChaCha20/Salsa20, SHA-3/BLAKE2/SHAKE hashes, scrypt/bcrypt/HKDF, or AES in GCM/EAX/SIV/OCB/CCM mode. Imports from `Cryptodome` are never reported. Only the current file is read; reading requirements files and lockfiles to tell `pycrypto` from `pycryptodome` is planned.',
    whyBad:
      'PyCrypto has had no release since 2013 and no maintainer since; known vulnerabilities such as the heap overflow in its AES implementation (CVE-2013-7459) are not fixed, and it does not build on current Python versions without patches. Code that still imports it either runs an unpatched library or silently depends on PyCryptodome being installed under the same name.',
    example: 'from Crypto.Cipher import AES\n\ndef encryptor(key, iv):\n    return AES.new(key, AES.MODE_CBC, iv)\n',
    useInstead:
      'from Cryptodome.Cipher import AES\n\ndef encryptor(key):\n    return AES.new(key, AES.MODE_GCM)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/1104.html',
      'https://www.pycryptodome.org/src/installation',
      'https://nvd.nist.gov/vuln/detail/CVE-2013-7459',
    ],
  },
  visitors: {
    import_statement(node, ctx) {
      check(node, ctx);
    },
    import_from_statement(node, ctx) {
      check(node, ctx);
    },
  },
});

function check(node: SyntaxNode, ctx: RuleContext): void {
  const module = cryptoModule(node);
  if (module === undefined || isPycryptodome(ctx) || isCryptodomeFallback(node, ctx)) return;
  ctx.report(
    node,
    `${module} comes from PyCrypto, which is unmaintained and has unfixed vulnerabilities, unless PyCryptodome provides it; depend on pycryptodome (or import from Cryptodome with pycryptodomex) and drop pycrypto.`,
  );
}
