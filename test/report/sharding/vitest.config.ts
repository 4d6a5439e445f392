import { defineConfig } from 'vitest/config';

/** A tiny sweep in two files, for the sharding test: `--shard=i/2 --reporter=blob`, then `--merge-reports`. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.sweep.ts'],
    pool: 'forks',
  },
});
