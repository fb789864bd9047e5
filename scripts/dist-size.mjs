// Prints the total brotli-compressed size of a built dist/ directory, and the share of each file type.
// With `--budget FILE`, exits 1 when the total is above the KiB number in FILE (`size-budget`).
// With `--files`, also lists every file with its raw and brotli size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const budgetAt = process.argv.indexOf('--budget');
const listFiles = process.argv.includes('--files');
const byType = {};
const files = [];
let total = 0;
let raw = 0;
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    // A precompressed twin is the same download as its source, already counted.
    if (name.endsWith('.br')) continue;
    const bytes = readFileSync(path);
    const size = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const type = extname(name).slice(1) || 'other';
    byType[type] = (byType[type] ?? 0) + size;
    total += size;
    raw += bytes.length;
    files.push([path, bytes.length, size]);
  }
};
walk(dir);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const parts = Object.entries(byType).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${kib(n)}`).join(', ');
let verdict = '';
if (budgetAt > 0) {
  const budget = Number(readFileSync(process.argv[budgetAt + 1], 'utf8').replace(/#.*$/gm, '').trim());
  if (!Number.isFinite(budget)) throw new Error(`no number of KiB in ${process.argv[budgetAt + 1]}`);
  verdict = total > budget * 1024 ? `, OVER the budget of ${budget} KiB` : `, within the budget of ${budget} KiB`;
  process.exitCode = total > budget * 1024 ? 1 : 0;
}
if (listFiles) {
  for (const [path, bytes, size] of files.sort((a, b) => b[2] - a[2])) {
    console.log(`${kib(size).padStart(10)} brotli ${kib(bytes).padStart(11)} raw  ${path}`);
  }
}
console.log(`dist/ brotli ${kib(total)} (uncompressed ${kib(raw)}): ${parts}${verdict}`);
