// Lighthouse (desktop preset) in Debian's Chromium against a running dev backend:
// `node bench/lighthouse.mjs http://127.0.0.1:PORT`. Prints the median score of RUNS runs per page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 3;
const base = process.argv[2];
if (!base) throw new Error('usage: lighthouse.mjs BASE_URL');
const out = mkdtempSync(join(tmpdir(), 'msg-lighthouse-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const path of ['/settings/messaging', '/messaging/ken']) {
  const scores = { performance: [], accessibility: [] };
  const metrics = { 'first-contentful-paint': [], 'largest-contentful-paint': [], 'total-blocking-time': [], 'cumulative-layout-shift': [] };
  for (let run = 0, failures = 0; run < RUNS; run++) {
    const report = join(out, `run-${run}.json`);
    try {
      execFileSync('npx', ['lighthouse', `${base}${path}`, '--preset=desktop', '--only-categories=performance,accessibility',
        '--output=json', `--output-path=${report}`, '--quiet',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
        { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (error) {
      // Lighthouse's own trace sometimes misses the navigation (NO_NAVSTART) on a busy machine:
      // that run is taken again, up to twice in all.
      if (++failures > 2) throw error;
      run--;
      continue;
    }
    const result = JSON.parse(readFileSync(report, 'utf8'));
    for (const k of Object.keys(scores)) scores[k].push(Math.round(result.categories[k].score * 100));
    for (const k of Object.keys(metrics)) metrics[k].push(result.audits[k].numericValue);
  }
  const m = (k, unit) => `${k.replace(/-/g, ' ')} ${median(metrics[k]).toFixed(unit === '' ? 3 : 0)}${unit}`;
  console.log(
    `BENCH Lighthouse ${path} (desktop, median of ${RUNS}): performance ${median(scores.performance)}, ` +
      `accessibility ${median(scores.accessibility)}; ${m('first-contentful-paint', ' ms')}, ${m('largest-contentful-paint', ' ms')}, ` +
      `${m('total-blocking-time', ' ms')}, ${m('cumulative-layout-shift', '')}`,
  );
}
