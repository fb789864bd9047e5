// Reads Playwright's JSON report and prints "N passed, M failed, K flaky, S skipped".
import { readFileSync } from 'node:fs';

try {
  const { stats } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  console.log(`${stats.expected} passed, ${stats.unexpected} failed, ${stats.flaky} flaky, ${stats.skipped} skipped`);
} catch (e) {
  console.log(`no report (${e.message})`);
}
