import { defineConfig } from 'vitest/config';
import { TheorycheckReporter } from './src/report/vitest/TheorycheckReporter.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    reporters: ['default', new TheorycheckReporter()],
    // Claims train networks: keep workers to the machine's cores and give them room.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
