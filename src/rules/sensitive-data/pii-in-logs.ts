// pii-in-logs: personal data (email, phone, birth date, address, name, client IP) written to logs.
import { taintRule } from '../factories.js';

export const piiInLogs = taintRule({
  id: 'pii-in-logs',
  title: 'Personal data written to a log',
  family: 'sensitive-data',
  checklist: ['Sensitive Data Handling', 'Logging and Monitoring'],
  level: 'note',
  securitySeverity: 4.3,
  precision: 'low',
  tier: 'audit',
  cwe: [359],
  compatible: {},
  kinds: ['personal-log'],
  advice: 'log a user id or a masked or hashed form instead of the personal data',
  docs: {
    whatItDoes:
      'Follows personal data into log records (the same log sinks as `clear-text-logging-sensitive-data`): values held in variables, parameters, attributes and keys whose whole name is an email address, phone number, date of birth, postal address, a person’s name or a client IP address (`user.email`, `phone_number`, `date_of_birth`, `billing_address`, `last_name`, `client_ip`), and the client address of a request (`request.remote_addr`, `request.META["REMOTE_ADDR"]`, `request.client.host`, `X-Forwarded-For`). Names about such data rather than the data itself (`email_template`, `is_email`, `smtp_email`, `server_ip`) are not sources; masking and hashing helpers make the value safe. Card and national-id numbers are reported by `clear-text-logging-sensitive-data`.',
    whyBad:
      'Logs are kept longer and shared more widely than the database that holds personal data, and they are rarely covered by its access controls, retention rules or deletion requests. Privacy laws such as the GDPR treat email addresses and IP addresses as personal data: logging them copies that data into places the organisation has to account for, and exposes it in every log leak.',
    example:
      'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef signup(user):\n    logger.info("new account for %s", user.email)\n',
    useInstead:
      'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef signup(user):\n    logger.info("new account %s", user.id)\n',
    references: [
      'https://cwe.mitre.org/data/definitions/359.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude',
      'https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure',
    ],
  },
});
