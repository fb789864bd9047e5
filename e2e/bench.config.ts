import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks, not tests: they measure and print; `scripts/bench` runs them.
export default defineConfig({ ...base, testDir: './bench', testMatch: '**/*.bench.ts', workers: 1, reporter: [['list']], timeout: 300_000 });
