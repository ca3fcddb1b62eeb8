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
import { hardcodedProviderCredential } from './secrets/hardcoded-provider-credential.js';
import { hardcodedPrivateKey } from './secrets/hardcoded-private-key.js';
import { hardcodedHighEntropySecret } from './secrets/hardcoded-high-entropy-secret.js';
import { hardcodedFrameworkSecretKey } from './secrets/hardcoded-framework-secret-key.js';
import { hardcodedCryptoKeyOrIv } from './secrets/hardcoded-crypto-key-or-iv.js';
import { flaskDebugMode } from './web-configuration/flask-debug-mode.js';
import { bindAllInterfaces } from './web-configuration/bind-all-interfaces.js';
import { incompleteUrlSanitization } from './web-configuration/incomplete-url-sanitization.js';
import { permissiveValidationRegex } from './web-configuration/permissive-validation-regex.js';
import { requestWithoutTimeout } from './web-configuration/request-without-timeout.js';
import { swallowedBroadException } from './sensitive-data/swallowed-broad-exception.js';
import { assertAsSecurityCheck } from './sensitive-data/assert-as-security-check.js';
import { loggingConfigListen } from './logging/logging-config-listen.js';
import { logFileWithoutRotation } from './logging/log-file-without-rotation.js';
import { authEventNotLogged } from './logging/auth-event-not-logged.js';
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
import { httpUrlWithoutTls } from './cryptography/http-url-without-tls.js';
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
import { unpinnedRequirement } from './dependencies/unpinned-requirement.js';
import { insecurePackageIndex } from './dependencies/insecure-package-index.js';
import { runtimePackageInstall } from './dependencies/runtime-package-install.js';
import { downloadThenExecute } from './dependencies/download-then-execute.js';
import { vulnerableDependency } from './dependencies/vulnerable-dependency.js';
import { nosqlInjection } from './injection/nosql-injection.js';
import { commandInjection } from './injection/command-injection.js';
import { codeInjection } from './injection/code-injection.js';
import { templateInjection } from './injection/template-injection.js';
import { reflectedXss } from './injection/reflected-xss.js';
import { pathInjection } from './file-operations/path-injection.js';
import { unrestrictedFileUpload } from './file-operations/unrestricted-file-upload.js';
import { uploadedFileExecution } from './file-operations/uploaded-file-execution.js';
import { ssrf } from './injection/ssrf.js';
import { openRedirect } from './injection/open-redirect.js';
import { headerInjection } from './injection/header-injection.js';
import { ldapInjection } from './injection/ldap-injection.js';
import { xpathInjection } from './injection/xpath-injection.js';
import { unsafeDeserialization } from './deserialization/unsafe-deserialization.js';
import { regexInjection } from './injection/regex-injection.js';
import { logInjection } from './injection/log-injection.js';
import { stackTraceExposure } from './sensitive-data/stack-trace-exposure.js';
import { clearTextLoggingSensitiveData } from './sensitive-data/clear-text-logging-sensitive-data.js';
import { sensitiveDataInException } from './sensitive-data/sensitive-data-in-exception.js';
import { clearTextStorageSensitiveData } from './sensitive-data/clear-text-storage-sensitive-data.js';
import { piiInLogs } from './sensitive-data/pii-in-logs.js';
import { unsafeReflection } from './injection/unsafe-reflection.js';
import { trustBoundaryViolation } from './authentication/trust-boundary-violation.js';
import { jwtSignatureNotVerified } from './authentication/jwt-signature-not-verified.js';
import { jwtNoneAlgorithm } from './authentication/jwt-none-algorithm.js';
import { tokenWithoutExpiration } from './authentication/token-without-expiration.js';
import { insecureCookie } from './authentication/insecure-cookie.js';
import { csrfProtectionDisabled } from './authentication/csrf-protection-disabled.js';
import { permissiveApiPermissions } from './authentication/permissive-api-permissions.js';
import { weakPasswordHashing } from './authentication/weak-password-hashing.js';
import { plaintextPasswordStorage } from './authentication/plaintext-password-storage.js';
import { plaintextPasswordComparison } from './authentication/plaintext-password-comparison.js';
import { timingUnsafeSecretComparison } from './authentication/timing-unsafe-secret-comparison.js';
import { weakPasswordPolicy } from './authentication/weak-password-policy.js';
import { spoofableClientIp } from './authentication/spoofable-client-ip.js';
import { pamAuthBypass } from './authentication/pam-auth-bypass.js';
import { djangoDebugEnabled } from './web-configuration/django-debug-enabled.js';
import { djangoAllowedHostsWildcard } from './web-configuration/django-allowed-hosts-wildcard.js';
import { httpsNotEnforced } from './web-configuration/https-not-enforced.js';
import { corsPermissiveOrigin } from './web-configuration/cors-permissive-origin.js';
import { massAssignment } from './web-configuration/mass-assignment.js';
import { unvalidatedRequestData } from './web-configuration/unvalidated-request-data.js';
import { unboundedRequestSize } from './web-configuration/unbounded-request-size.js';
import { missingRateLimiting } from './web-configuration/missing-rate-limiting.js';

export const allRules: readonly Rule[] = [
  djangoDebugEnabled,
  djangoAllowedHostsWildcard,
  httpsNotEnforced,
  corsPermissiveOrigin,
  massAssignment,
  unvalidatedRequestData,
  unboundedRequestSize,
  missingRateLimiting,
  headerInjection,
  ldapInjection,
  xpathInjection,
  unsafeDeserialization,
  regexInjection,
  logInjection,
  stackTraceExposure,
  clearTextLoggingSensitiveData,
  sensitiveDataInException,
  clearTextStorageSensitiveData,
  piiInLogs,
  unsafeReflection,
  trustBoundaryViolation,
  jwtSignatureNotVerified,
  jwtNoneAlgorithm,
  tokenWithoutExpiration,
  insecureCookie,
  csrfProtectionDisabled,
  permissiveApiPermissions,
  weakPasswordHashing,
  plaintextPasswordStorage,
  plaintextPasswordComparison,
  timingUnsafeSecretComparison,
  weakPasswordPolicy,
  spoofableClientIp,
  pamAuthBypass,
  hardcodedPassword,
  hardcodedProviderCredential,
  hardcodedPrivateKey,
  hardcodedHighEntropySecret,
  hardcodedFrameworkSecretKey,
  hardcodedCryptoKeyOrIv,
  flaskDebugMode,
  bindAllInterfaces,
  incompleteUrlSanitization,
  permissiveValidationRegex,
  requestWithoutTimeout,
  swallowedBroadException,
  assertAsSecurityCheck,
  loggingConfigListen,
  logFileWithoutRotation,
  authEventNotLogged,
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
  httpUrlWithoutTls,
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
  unpinnedRequirement,
  insecurePackageIndex,
  runtimePackageInstall,
  downloadThenExecute,
  vulnerableDependency,
  nosqlInjection,
  commandInjection,
  codeInjection,
  templateInjection,
  reflectedXss,
  pathInjection,
  unrestrictedFileUpload,
  uploadedFileExecution,
  ssrf,
  openRedirect,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
