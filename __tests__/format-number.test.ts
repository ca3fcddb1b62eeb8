import { describe, expect, it } from 'vitest';
import { groupDigits } from '../src/format-number.js';

describe('groupDigits', () => {
  it('writes integers as toLocaleString("en-US") does', () => {
    for (const n of [0, 7, 42, 999, 1000, 12345, 100000, 857672, 1234567, -1000, -999, Number.MAX_SAFE_INTEGER]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    }
  });
  it('leaves fractions and unsafe integers to Intl', () => {
    expect(groupDigits(1234.5)).toBe('1,234.5');
    expect(groupDigits(1e21)).toBe((1e21).toLocaleString('en-US'));
  });
});
