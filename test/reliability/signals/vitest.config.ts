import { defineConfig } from 'vitest/config';
import { TheorycheckReporter } from '../../../src/report/vitest/TheorycheckReporter.ts';

/** A sweep that never ends on its own, for the signal test: one test finishes, the next waits to be stopped. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.sweep.ts'],
    pool: 'forks',
    reporters: [new TheorycheckReporter()],
    testTimeout: 120_000,
  },
});
