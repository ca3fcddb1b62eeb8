// `npm run bench:floor`: the in-process floor measurement (bench/floor.test.ts). Kept out of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts'],
    testTimeout: 3_600_000,
  },
});
