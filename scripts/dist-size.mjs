// Prints the brotli-compressed size of a built dist/ directory: in all, by file type, and what
// each part of the app downloads (the loader, the part's glue and its wasm, and its messages in
// one language, the largest; see index.html).
// With `--budget FILE`, exits 1 when a part is above its KiB number in FILE (`size-budget`:
// lines `<part> <KiB>`). With `--files`, also lists every file with its raw and brotli size.
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
// A part downloads the loader, its glue and its wasm (the stylesheet is shared and small).
const sizeOf = (pattern) => files.filter(([path]) => pattern.test(path)).reduce((n, [, , size]) => n + size, 0);
const loader = sizeOf(/(^|\/)messenger-integration\.js$/);
const partNames = [...new Set(files.map(([path]) => path.match(/msg-([a-z]+)-[0-9a-f]+_bg\.wasm$/)?.[1]).filter(Boolean))];
if (partNames.length === 0) throw new Error(`no part's wasm (msg-<part>-<hash>_bg.wasm) in ${dir}`);
const budgets = {};
if (budgetAt > 0) {
  for (const line of readFileSync(process.argv[budgetAt + 1], 'utf8').replace(/#.*$/gm, '').split('\n')) {
    const [name, kib] = line.trim().split(/\s+/);
    if (name) budgets[name] = Number(kib);
  }
}
const partLines = partNames.map((name) => {
  const wasm = sizeOf(new RegExp(`msg-${name}-[0-9a-f]+_bg\\.wasm$`));
  const glue = sizeOf(new RegExp(`msg-${name}-[0-9a-f]+\\.js$`));
  // And its messages in the language it starts in: counted for the largest, the pseudo-locales
  // for tests (`en-XA`) aside.
  const tables = files.filter(([path]) => new RegExp(`(^|/)msg-${name}-(?![a-z]+-X[A-Z]-)[\\w-]+-[0-9a-f]{16}\\.json$`).test(path));
  const strings = Math.max(0, ...tables.map(([, , size]) => size));
  const sum = wasm + glue + loader + strings;
  let line = `part ${name}: ${kib(sum)} (wasm ${kib(wasm)}, js ${kib(glue + loader)}, messages ${kib(strings)})`;
  if (budgetAt > 0) {
    const budget = budgets[name];
    if (!Number.isFinite(budget)) throw new Error(`no budget for the part ${name} in ${process.argv[budgetAt + 1]}`);
    const over = sum > budget * 1024;
    line += over ? `, OVER its budget of ${budget} KiB` : `, within its budget of ${budget} KiB`;
    if (over) process.exitCode = 1;
  }
  return line;
});
process.exitCode ??= 0;
const verdict = `; ${partLines.join('; ')}`;
if (listFiles) {
  for (const [path, bytes, size] of files.sort((a, b) => b[2] - a[2])) {
    console.log(`${kib(size).padStart(10)} brotli ${kib(bytes).padStart(11)} raw  ${path}`);
  }
}
console.log(`dist/ brotli ${kib(total)} (uncompressed ${kib(raw)}): ${parts}${verdict}`);
