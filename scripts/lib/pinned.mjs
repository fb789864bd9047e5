// Loads a package that a package.json of ours pins, installing the locked packages first when
// they are missing or not the pinned version: embed.mjs takes terser from scripts/ this way, so a
// release build needs no scripts/setup run beforehand.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** `npm ci` in `dir`: the lock file's packages, from the npm registry. */
export const npmCi = (dir) => execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });

/**
 * The package `name` as `dir`/package.json pins it (an exact version in dependencies or
 * devDependencies). When `dir`/node_modules holds another version or none, runs `install(dir)`
 * first, and throws if that did not bring the pinned version.
 */
export function requirePinned(dir, name, install = npmCi, log = console.log) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const pinned = manifest.devDependencies?.[name] ?? manifest.dependencies?.[name];
  if (!pinned) throw new Error(`${join(dir, 'package.json')} does not pin ${name}`);
  const installedFile = join(dir, 'node_modules', name, 'package.json');
  const installed = () => (existsSync(installedFile) ? JSON.parse(readFileSync(installedFile, 'utf8')).version : 'none');
  let version = installed();
  if (version !== pinned) {
    log(`${name} ${pinned} is pinned in ${dir}/package.json, its node_modules has ${version}: installing (npm ci)`);
    install(dir);
    version = installed();
    if (version !== pinned) throw new Error(`${name} ${pinned} is pinned in ${dir}/package.json, but ${version} is installed`);
  }
  return createRequire(join(dir, 'package.json'))(name);
}
