// Shared helpers of the release scripts: the public packages, child processes, packing.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Every package under packages/* that is not private: what changesets publishes. A new public
 * package is picked up without touching these scripts.
 */
export function publicPackages() {
  const list = [];
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const pkgPath = join(root, 'packages', dir, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const pkg = readJson(pkgPath);
    if (pkg.private) continue;
    list.push({ name: pkg.name, version: pkg.version, dir: join(root, 'packages', dir), pkg });
  }
  return list;
}

/** Every workspace project (pnpm-workspace.yaml globs, which are all `dir/*` or plain dirs). */
export function workspaceProjects() {
  const dirs = [];
  const add = (dir) => {
    if (existsSync(join(dir, 'package.json'))) dirs.push(dir);
  };
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const section = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  for (const [, glob] of section.matchAll(/^\s*-\s*['"]?([^'"\s]+)['"]?\s*$/gm)) {
    const parts = glob.split('/');
    let found = [root];
    for (const part of parts) {
      const next = [];
      for (const base of found) {
        if (part === '*') {
          if (!existsSync(base)) continue;
          for (const entry of readdirSync(base, { withFileTypes: true })) {
            if (entry.isDirectory() && entry.name !== 'node_modules')
              next.push(join(base, entry.name));
          }
        } else next.push(join(base, part));
      }
      found = next;
    }
    for (const dir of found) add(dir);
  }
  return dirs;
}

/**
 * Runs a command and collects its output. Never rejects because of the exit code: callers decide
 * what a failure means and report it with the package and project it concerns.
 */
export function run(
  command,
  args,
  { cwd = root, env, timeoutMs = 10 * 60_000, quiet = true } = {},
) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    const timer = setTimeout(() => {
      stderr += `\n(timed out after ${timeoutMs} ms)`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}`, ms: Date.now() - started });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The last `lines` lines of a command's output, for failure messages. */
export function tail(text, lines = 25) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * `pnpm pack` (which rewrites `workspace:` ranges the way `pnpm publish` does) into `dest`;
 * returns the tarball's path.
 */
export async function pack(pkg, dest) {
  mkdirSync(dest, { recursive: true });
  const result = await run('pnpm', ['pack', '--pack-destination', dest, '--json'], {
    cwd: pkg.dir,
  });
  if (result.code !== 0) {
    throw new Error(`pnpm pack failed:\n${tail(result.stderr || result.stdout)}`);
  }
  const { filename } = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
  return filename.startsWith('/') ? filename : join(dest, filename);
}

/** Unpacks a tarball into `dest` (npm tarballs hold one `package/` folder); returns that folder. */
export async function unpack(tarball, dest) {
  mkdirSync(dest, { recursive: true });
  const result = await run('tar', ['-xzf', tarball, '-C', dest]);
  if (result.code !== 0) throw new Error(`tar failed: ${tail(result.stderr)}`);
  return join(dest, 'package');
}

/** Files under `dir`, relative, recursively. */
export function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
