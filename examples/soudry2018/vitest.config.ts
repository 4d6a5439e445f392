import { defineConfig } from 'vitest/config';
import { TheorycheckReporter } from 'theorycheck/vitest';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    reporters: ['default', new TheorycheckReporter()],
    testTimeout: 60_000,
  },
});
