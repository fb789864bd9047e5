import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The two hosts of e2e/tests/react-host.spec.ts, built as a CRM builds them, from a package
// packed from dist/ just now: the React host with npm and Vite, the plain one by unpacking the
// .tgz beside its page. The dev backend serves both (fixtures.ts, --host-page).

const ROOT = resolve(__dirname, '../..');
export const HOSTS = resolve(ROOT, 'target/hosts');
const REACT = resolve(__dirname, 'react');

const run = (command: string, args: string[], cwd = ROOT) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const npm = (...args: string[]) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], REACT);

/**
 * Packs dist/, then builds target/hosts/react and target/hosts/plain from the .tgz, and
 * target/hosts/cdn: the plain page with the package's modules in messenger/ and its wasm, glue
 * and stylesheet in assets/ only, as a CRM that serves them from a CDN has them (`assets-base`).
 */
export function buildHosts() {
  const tgz = run(resolve(ROOT, 'scripts/package'), [resolve(ROOT, 'dist'), resolve(HOSTS, 'package')]);

  // React and Vite as the lock file pins them (scripts/setup installs them too). The package
  // itself stays out of package.json and the lock: its bytes, and so the lock's integrity for
  // them, change with every build, and `npm ci` would refuse the next one.
  const installed = resolve(REACT, 'node_modules/.package-lock.json');
  if (!existsSync(installed) || statSync(resolve(REACT, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) npm('ci');
  // npm takes a package installed from the same path as up to date, whatever the .tgz holds now.
  rmSync(resolve(REACT, 'node_modules/@msg-ui'), { recursive: true, force: true });
  npm('install', '--no-save', '--prefer-offline', tgz);
  run(resolve(REACT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], REACT);

  const plain = resolve(HOSTS, 'plain');
  rmSync(plain, { recursive: true, force: true });
  cpSync(resolve(__dirname, 'plain'), plain, { recursive: true });
  // What both hosts share, where the plain page's own paths find it (the React one imports it).
  cpSync(resolve(__dirname, 'shared'), resolve(plain, 'shared'), { recursive: true });
  mkdirSync(resolve(plain, 'messenger'));
  run('tar', ['-xzf', tgz, '--strip-components=1', '-C', resolve(plain, 'messenger')]);

  const cdn = resolve(HOSTS, 'cdn');
  rmSync(cdn, { recursive: true, force: true });
  cpSync(plain, cdn, { recursive: true });
  const page = resolve(cdn, 'index.html');
  writeFileSync(
    page,
    readFileSync(page, 'utf8')
      .replaceAll('/plain-host', '/cdn-host')
      .replace('<title>Plain CRM</title>', '<title>Plain CRM, app files from a CDN</title>')
      .replace('<messenger-integration ', '<messenger-integration assets-base="/cdn-host/assets/" '),
  );
  mkdirSync(resolve(cdn, 'assets'));
  for (const name of readdirSync(resolve(cdn, 'messenger'))) {
    if (/\.(wasm|css)$|^msg-/.test(name) && name !== 'style.css') renameSync(resolve(cdn, 'messenger', name), resolve(cdn, 'assets', name));
  }
}
