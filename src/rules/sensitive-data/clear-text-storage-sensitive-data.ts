// clear-text-storage-sensitive-data: credentials written unencrypted to files, cookies, shelves or database rows.
import { taintRule } from '../factories.js';

export const clearTextStorageSensitiveData = taintRule({
  id: 'clear-text-storage-sensitive-data',
  title: 'Sensitive value stored in clear text',
  family: 'sensitive-data',
  checklist: ['Sensitive Data Handling', 'Cryptography'],
  level: 'warning',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'extended',
  cwe: [312],
  compatible: {},
  kinds: ['sensitive-storage', 'credential-storage'],
  advice: 'store a hash of a password, encrypt other secrets (Fernet, a KMS) or keep them in a secret store',
  docs: {
    whatItDoes:
      'Follows sensitive values (see `clear-text-logging-sensitive-data` for how they are recognised) into storage that keeps them readable: `write()`/`writelines()` on files from `open()` and friends, `Path.write_text()`/`write_bytes()`, `json.dump`/`pickle.dump`/`yaml.dump`/`toml.dump` to a file, CSV `writerow()`, `shelve`/`dbm` entries, and, for credentials proper (passwords, secrets, API keys, not session tokens, which belong in cookies), cookie values (`set_cookie`) and the parameters of `INSERT`/`UPDATE` statements. Hashing (`generate_password_hash`, `bcrypt.hashpw`, `hashlib`), encryption (`fernet.encrypt`) and masking helpers make the value safe.',
    whyBad:
      'Files, cookies and database rows are read by far more than the code that wrote them: backups, other processes and users on the host, browser extensions, database dumps and anyone who gets a copy after a breach. A password or key kept there in clear text is exposed to all of them, and a stored password lets an attacker into every other service where the user reused it.',
    example:
      'import getpass\nimport json\n\ndef save_login(path):\n    password = getpass.getpass()\n    with open(path, "w") as fh:\n        json.dump({"password": password}, fh)\n',
    useInstead:
      'import getpass\nimport keyring\n\ndef save_login(user):\n    password = getpass.getpass()\n    keyring.set_password("my-app", user, password)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/312.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
      'https://pypi.org/project/keyring/',
    ],
  },
});
