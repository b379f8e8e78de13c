import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CRD schemas and synth of whole apps are CPU-bound; two workers match the 2-core machines.
    maxWorkers: 2,
    // Test files share a worker's module cache: the parsed CRDs and compiled schemas of a release are then
    // built once per worker instead of once per file (this halves the suite's wall time). Tests that set
    // environment variables restore them; lib/ keeps no mutable module state besides those caches.
    isolate: false,
    testTimeout: 60_000,
  },
});
