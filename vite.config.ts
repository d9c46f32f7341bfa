/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Unit tests run in a time zone far from UTC so that any local-time date maths fails loudly.
process.env.TZ = 'America/Los_Angeles';

export default defineConfig({
  // Relative base: the build works under any sub-path (GitHub Pages project sites, wikis, file shares).
  base: './',
  build: {
    outDir: 'dist',
    target: 'es2022',
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
