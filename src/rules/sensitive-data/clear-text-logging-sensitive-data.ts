// clear-text-logging-sensitive-data: passwords, tokens, keys, card and national-id numbers written to logs or stdout.
import { taintRule } from '../factories.js';

export const clearTextLoggingSensitiveData = taintRule({
  id: 'clear-text-logging-sensitive-data',
  title: 'Sensitive value written to a log',
  family: 'sensitive-data',
  checklist: ['Sensitive Data Handling', 'Logging and Monitoring'],
  level: 'warning',
  securitySeverity: 7.5,
  precision: 'medium',
  tier: 'default',
  cwe: [532, 312],
  compatible: {},
  kinds: ['sensitive-log'],
  advice: 'log that the event happened without the value, or log a masked or hashed form of it',
  docs: {
    whatItDoes:
      'Follows sensitive values into log records: every argument of `logging` calls and logger methods (standard loggers, structlog, loguru, `logger.exception`), `print()` outside command-line programs, and `warnings.warn()`. A value is sensitive because of where it comes from, not because a word appears somewhere in a name: `getpass()`, `keyring.get_password()`, a secret manager (`get_secret_value()`), an environment variable or configuration key that names a credential (`os.environ["DB_PASSWORD"]`, `os.getenv("API_TOKEN")`, `settings.SECRET_KEY`), request form fields such as `request.form["password"]`, and variables, parameters and attributes whose whole name is a credential or a card or national-id number (`api_key`, `db_password`, `card_number`, `ssn`). Names that describe something about a credential are not sources: `api_key_env`, `secret_name`, `token_type`, `token_id`, `password_hash`, and a word inside another word (`num_uncertainty`). Masking, hashing or encryption helpers (`mask_token()`, `redact()`, `hashlib.sha256()`, `bcrypt.hashpw()`), slices (`key[:4]`), `len()`, `bool()`, `is None` checks and pydantic `SecretStr` fields (which print as `**********`) make the value safe. The value is followed through assignments, f-strings, `%`, `.format()`, concatenation, containers and helper functions of the same file. `print()` in command-line programs (a main guard, a `main()` function, argparse, click, typer) is not reported: its output goes to the operator who ran them.',
    whyBad:
      'Logs are copied to many places that are not protected like a secret store: log files and rotated archives, central log services, support tickets, monitoring dashboards, backups. Anyone who can read them can reuse a password, token or key that was written there, often long after it was logged, and a leaked key in a log is rarely noticed or rotated.',
    example:
      'import logging\nimport os\n\nlogger = logging.getLogger(__name__)\n\ndef connect():\n    password = os.environ["DB_PASSWORD"]\n    logger.info("connecting with password %s", password)\n',
    useInstead:
      'import logging\nimport os\n\nlogger = logging.getLogger(__name__)\n\ndef connect():\n    password = os.environ["DB_PASSWORD"]\n    logger.info("connecting (password set: %s)", bool(password))\n',
    references: [
      'https://cwe.mitre.org/data/definitions/532.html',
      'https://cwe.mitre.org/data/definitions/312.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude',
      'https://docs.pydantic.dev/latest/api/types/#pydantic.types.SecretStr',
    ],
  },
});
