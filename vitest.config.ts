// Vitest: only the tests under __tests__/ (scratch files elsewhere never run in CI).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
