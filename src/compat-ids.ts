// The active Bandit test ids and Ruff `S` codes Krait maps onto its rules (catalog appendices 1 and 2).
export const BANDIT_ACTIVE_IDS: readonly string[] = [
  'B101', 'B102', 'B103', 'B104', 'B105', 'B106', 'B107', 'B108', 'B110', 'B112', 'B113',
  'B201', 'B202',
  'B301', 'B302', 'B303', 'B304', 'B305', 'B306', 'B307', 'B308', 'B310', 'B311', 'B312', 'B313', 'B314', 'B315',
  'B316', 'B317', 'B318', 'B319', 'B321', 'B323', 'B324',
  'B401', 'B402', 'B403', 'B404', 'B405', 'B406', 'B407', 'B408', 'B409', 'B411', 'B412', 'B413', 'B415',
  'B501', 'B502', 'B503', 'B504', 'B505', 'B506', 'B507', 'B508', 'B509',
  'B601', 'B602', 'B603', 'B604', 'B605', 'B606', 'B607', 'B608', 'B609', 'B610', 'B611', 'B612', 'B613', 'B614', 'B615',
  'B701', 'B702', 'B703', 'B704',
];

/** Bandit ids Ruff has no `S` code for. */
const NOT_IN_RUFF = new Set(['B613', 'B614', 'B615', 'B703']);

/** Every active Ruff `S` code mirrors the Bandit id with the same number. */
export const RUFF_ACTIVE_CODES: readonly string[] = BANDIT_ACTIVE_IDS.filter((id) => !NOT_IN_RUFF.has(id)).map((id) => `S${id.slice(1)}`);

export function ruffCodeFor(banditId: string): string | undefined {
  return NOT_IN_RUFF.has(banditId) ? undefined : `S${banditId.slice(1)}`;
}
