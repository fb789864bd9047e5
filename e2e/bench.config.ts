import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks, not tests: they measure and print; `scripts/bench` runs them.
// No trace: its snapshots run in the measured page (5-10 ms a start in a profile).
export default defineConfig({
  ...base,
  use: { ...base.use, trace: 'off' },
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  workers: 1,
  reporter: [['list']],
  timeout: 300_000,
});
