// The rule registry: every rule Krait ships, sorted by id.
import type { Rule } from '../engine/rule.js';
import { evalNonconstant } from './injection/eval-nonconstant.js';
import { sqlInjection } from './injection/sql-injection.js';
import { shellCommandNonconstant } from './injection/shell-command-nonconstant.js';
import { sqlQueryStringFormatting } from './injection/sql-query-string-formatting.js';
import { archiveExtractionTraversal } from './file-operations/archive-extraction-traversal.js';
import { insecureFilePermissions } from './file-operations/insecure-file-permissions.js';
import { insecureTempFile } from './file-operations/insecure-temp-file.js';
import { urlopenUnrestrictedScheme } from './file-operations/urlopen-unrestricted-scheme.js';
import { yamlUnsafeLoad } from './deserialization/yaml-unsafe-load.js';
import { pickleFamilyLoad } from './deserialization/pickle-family-load.js';
import { weakHashForSecurity } from './cryptography/weak-hash-for-security.js';
import { certValidationDisabled } from './cryptography/cert-validation-disabled.js';
import { hardcodedPassword } from './secrets/hardcoded-password.js';
import { flaskDebugMode } from './web-configuration/flask-debug-mode.js';
import { bindAllInterfaces } from './web-configuration/bind-all-interfaces.js';
import { requestWithoutTimeout } from './web-configuration/request-without-timeout.js';
import { swallowedBroadException } from './sensitive-data/swallowed-broad-exception.js';
import { assertAsSecurityCheck } from './sensitive-data/assert-as-security-check.js';
import { loggingConfigListen } from './logging/logging-config-listen.js';
import { jinja2AutoescapeDisabled } from './injection/jinja2-autoescape-disabled.js';
import { makoUnescapedTemplate } from './injection/mako-unescaped-template.js';
import { unsafeMarkupNonconstant } from './injection/unsafe-markup-nonconstant.js';
import { torchUnsafeLoad } from './deserialization/torch-unsafe-load.js';
import { xxe } from './deserialization/xxe.js';
import { xmlBomb } from './deserialization/xml-bomb.js';
import { brokenCipher } from './cryptography/broken-cipher.js';
import { ecbMode } from './cryptography/ecb-mode.js';
import { weakCryptoKey } from './cryptography/weak-crypto-key.js';
import { insecureTlsVersion } from './cryptography/insecure-tls-version.js';
import { sshHostKeyNotVerified } from './cryptography/ssh-host-key-not-verified.js';
import { cleartextProtocol } from './cryptography/cleartext-protocol.js';
import { pycryptoUnmaintained } from './dependencies/pycrypto-unmaintained.js';
import { insecureRandomness } from './authentication/insecure-randomness.js';
import { xmlrpcDottedNames } from './deserialization/xmlrpc-dotted-names.js';
import { subprocessNonliteralArgv } from './injection/subprocess-nonliteral-argv.js';
import { partialExecutablePath } from './injection/partial-executable-path.js';
import { wildcardInjection } from './injection/wildcard-injection.js';
import { excessivePrivilege } from './platform/excessive-privilege.js';
import { trojanSource } from './platform/trojan-source.js';
import { httpoxyCgiHandler } from './web-configuration/httpoxy-cgi-handler.js';
import { huggingfaceUnpinnedDownload } from './dependencies/huggingface-unpinned-download.js';
import { nosqlInjection } from './injection/nosql-injection.js';
import { commandInjection } from './injection/command-injection.js';
import { codeInjection } from './injection/code-injection.js';
import { templateInjection } from './injection/template-injection.js';
import { reflectedXss } from './injection/reflected-xss.js';
import { pathInjection } from './file-operations/path-injection.js';
import { ssrf } from './injection/ssrf.js';
import { openRedirect } from './injection/open-redirect.js';
import { headerInjection } from './injection/header-injection.js';
import { ldapInjection } from './injection/ldap-injection.js';
import { xpathInjection } from './injection/xpath-injection.js';
import { unsafeDeserialization } from './deserialization/unsafe-deserialization.js';
import { regexInjection } from './injection/regex-injection.js';
import { logInjection } from './injection/log-injection.js';
import { stackTraceExposure } from './sensitive-data/stack-trace-exposure.js';
import { unsafeReflection } from './injection/unsafe-reflection.js';
import { trustBoundaryViolation } from './authentication/trust-boundary-violation.js';

export const allRules: readonly Rule[] = [
  headerInjection,
  ldapInjection,
  xpathInjection,
  unsafeDeserialization,
  regexInjection,
  logInjection,
  stackTraceExposure,
  unsafeReflection,
  trustBoundaryViolation,
  hardcodedPassword,
  flaskDebugMode,
  bindAllInterfaces,
  requestWithoutTimeout,
  swallowedBroadException,
  assertAsSecurityCheck,
  loggingConfigListen,
  evalNonconstant,
  sqlInjection,
  shellCommandNonconstant,
  sqlQueryStringFormatting,
  archiveExtractionTraversal,
  insecureFilePermissions,
  insecureTempFile,
  urlopenUnrestrictedScheme,
  yamlUnsafeLoad,
  pickleFamilyLoad,
  weakHashForSecurity,
  certValidationDisabled,
  jinja2AutoescapeDisabled,
  makoUnescapedTemplate,
  unsafeMarkupNonconstant,
  torchUnsafeLoad,
  xxe,
  xmlBomb,
  brokenCipher,
  ecbMode,
  weakCryptoKey,
  insecureTlsVersion,
  sshHostKeyNotVerified,
  cleartextProtocol,
  pycryptoUnmaintained,
  insecureRandomness,
  xmlrpcDottedNames,
  subprocessNonliteralArgv,
  partialExecutablePath,
  wildcardInjection,
  excessivePrivilege,
  trojanSource,
  httpoxyCgiHandler,
  huggingfaceUnpinnedDownload,
  nosqlInjection,
  commandInjection,
  codeInjection,
  templateInjection,
  reflectedXss,
  pathInjection,
  ssrf,
  openRedirect,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
