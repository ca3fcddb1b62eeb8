// The rule registry: every rule Krait ships, sorted by id.
import type { Rule } from '../engine/rule.js';
import { evalNonconstant } from './injection/eval-nonconstant.js';
import { shellCommandNonconstant } from './injection/shell-command-nonconstant.js';
import { sqlQueryStringFormatting } from './injection/sql-query-string-formatting.js';
import { archiveExtractionTraversal } from './file-operations/archive-extraction-traversal.js';
import { insecureFilePermissions } from './file-operations/insecure-file-permissions.js';
import { insecureTempFile } from './file-operations/insecure-temp-file.js';
import { yamlUnsafeLoad } from './deserialization/yaml-unsafe-load.js';
import { pickleFamilyLoad } from './deserialization/pickle-family-load.js';
import { weakHashForSecurity } from './cryptography/weak-hash-for-security.js';
import { certValidationDisabled } from './cryptography/cert-validation-disabled.js';
import { hardcodedPassword } from './secrets/hardcoded-password.js';
import { flaskDebugMode } from './web-configuration/flask-debug-mode.js';
import { loggingConfigListen } from './logging/logging-config-listen.js';

export const allRules: readonly Rule[] = [
  hardcodedPassword,
  flaskDebugMode,
  loggingConfigListen,
  evalNonconstant,
  shellCommandNonconstant,
  sqlQueryStringFormatting,
  archiveExtractionTraversal,
  insecureFilePermissions,
  insecureTempFile,
  yamlUnsafeLoad,
  pickleFamilyLoad,
  weakHashForSecurity,
  certValidationDisabled,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
