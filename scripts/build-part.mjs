// Run by embed.mjs (trunk's post_build hook) first: builds each part of the app (those of
// src/domain/routes.json) but the one trunk builds, each as a wasm of its own. Trunk takes one
// Rust app a page, so this does for the others what trunk does for that one: cargo builds the one
// bin (src/main.rs) with the part's feature alone, wasm-bindgen for the web, and in a release
// wasm-opt with the same flags, then content-hashed names. Trunk's files are named after the bin
// (`msg_ui-<hash>`): they take their part's name too. See docs/performance.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? resolve(dirname(new URL(import.meta.url).pathname), '..');
if (!staging) throw new Error('build-part.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR is unset)');
const release = process.env.TRUNK_PROFILE !== 'debug';

const tables = JSON.parse(readFileSync(join(source, 'src/domain/routes.json'), 'utf8'));
// The part trunk builds: index.html's `data-cargo-features`.
const byTrunk = readFileSync(join(source, 'index.html'), 'utf8').match(/data-cargo-features="([\w-]+)"/)?.[1];
const parts = [...new Set([tables.unknown_part, ...tables.routes.map((r) => r.part)])];
if (!parts.includes(byTrunk)) throw new Error(`index.html has trunk build ${byTrunk}, not a part of routes.json`);
const run = (command, args) => execFileSync(command, args, { cwd: source, stdio: ['ignore', 'inherit', 'inherit'] });

for (const name of readdirSync(staging)) {
  const trunks = name.match(/^msg[-_]ui(-[0-9a-f]+)?(\.js|_bg\.wasm)$/);
  if (trunks) renameSync(join(staging, name), join(staging, `msg-${byTrunk}${trunks[1] ?? ''}${trunks[2]}`));
}
for (const part of parts.filter((p) => p !== byTrunk)) build(part);

function build(part) {
  const bin = `msg-${part}`;
  const cargo = ['build', '--target=wasm32-unknown-unknown', '--locked', '--offline', '--bin=msg-ui'];
  cargo.push('--no-default-features', `--features=${part}`);
  if (release) cargo.push('--release');
  run('cargo', cargo);

  const targetDir = process.env.CARGO_TARGET_DIR ?? join(source, 'target');
  const built = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'msg-ui.wasm');
  const out = mkdtempSync(join(tmpdir(), 'msg-part-'));
  try {
    run('wasm-bindgen', ['--target=web', `--out-dir=${out}`, `--out-name=${bin}`, '--no-typescript', built]);
    const wasm = join(out, `${bin}_bg.wasm`);
    // As index.html asks of trunk for its part (data-wasm-opt, data-wasm-opt-params).
    if (release) run('wasm-opt', [`--output=${wasm}`, '-Os', wasm, '--low-memory-unused', '--flatten', '--rereloop', '-Os']);
    const hash = createHash('sha256').update(readFileSync(wasm)).digest('hex').slice(0, 16);
    copyFileSync(wasm, join(staging, `${bin}-${hash}_bg.wasm`));
    copyFileSync(join(out, `${bin}.js`), join(staging, `${bin}-${hash}.js`));
    console.log(`build-part: ${bin}-${hash}_bg.wasm`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
