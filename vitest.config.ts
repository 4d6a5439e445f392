import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { TheorycheckReporter } from './src/report/vitest/TheorycheckReporter.ts';

export default defineConfig({
  // The package's own name resolves to its sources here (as tsconfig.json's paths do for tsc and tsx), so examples/ import 'theorycheck' as a user would.
  resolve: {
    alias: [
      { find: /^theorycheck\/vitest$/, replacement: fileURLToPath(new URL('./src/vitest.ts', import.meta.url)) },
      { find: /^theorycheck$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    reporters: ['default', new TheorycheckReporter()],
    // Claims train networks: keep workers to the machine's cores and give them room.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
