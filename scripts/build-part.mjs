// Run by embed.mjs (trunk's post_build hook) first: builds each part of the app but the one
// trunk itself builds from index.html (the settings part), each as a wasm of its own.
// Trunk takes one Rust app a page, so this does for the second what trunk does for the first:
// cargo with the part's feature alone, wasm-bindgen for the web, and in a release wasm-opt with
// the same flags, then the content-hashed names trunk gives. See docs/performance.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? resolve(dirname(new URL(import.meta.url).pathname), '..');
if (!staging) throw new Error('build-part.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR is unset)');
const release = process.env.TRUNK_PROFILE !== 'debug';

// Every part of routes.json but the one trunk builds from index.html (its `data-bin`).
const tables = JSON.parse(readFileSync(join(source, 'src/domain/routes.json'), 'utf8'));
const byTrunk = readFileSync(join(source, 'index.html'), 'utf8').match(/data-bin="msg-([\w-]+)"/)?.[1];
const parts = [...new Set([tables.unknown_part, ...tables.routes.map((r) => r.part)])].filter((p) => p !== byTrunk);
const run = (command, args) => execFileSync(command, args, { cwd: source, stdio: ['ignore', 'inherit', 'inherit'] });

for (const part of parts) build(part);

function build(part) {
  const bin = `msg-${part}`;
  const cargo = ['build', '--target=wasm32-unknown-unknown', '--locked', '--offline', `--bin=${bin}`];
  cargo.push('--no-default-features', `--features=${part}`);
  if (release) cargo.push('--release');
  run('cargo', cargo);

  const targetDir = process.env.CARGO_TARGET_DIR ?? join(source, 'target');
  const built = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${bin}.wasm`);
  const out = mkdtempSync(join(tmpdir(), 'msg-part-'));
  try {
    run('wasm-bindgen', ['--target=web', `--out-dir=${out}`, `--out-name=${bin}`, '--no-typescript', built]);
    const wasm = join(out, `${bin}_bg.wasm`);
    // As index.html asks of trunk for the other part (data-wasm-opt, data-wasm-opt-params).
    if (release) run('wasm-opt', [`--output=${wasm}`, '-Os', wasm, '--low-memory-unused']);
    const hash = createHash('sha256').update(readFileSync(wasm)).digest('hex').slice(0, 16);
    copyFileSync(wasm, join(staging, `${bin}-${hash}_bg.wasm`));
    copyFileSync(join(out, `${bin}.js`), join(staging, `${bin}-${hash}.js`));
    console.log(`build-part: ${bin}-${hash}_bg.wasm`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
