#!/usr/bin/env node
// pnpm release:dry-run — the release without the public registry:
//   1. `changeset status` (against main, or origin/main in a CI checkout without a local main);
//   2. `changeset publish --no-git-tag`, the command `pnpm release` runs, against a throwaway
//      registry on 127.0.0.1 (scripts/release/loopback-registry.mjs) with a temporary .npmrc;
//   3. checks that every public package arrived at its version, tagged latest, with no
//      workspace: ranges left and the built entry files in its tarball.
// Needs a build (`pnpm build`). Exits 1 on any failure, naming the package.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicPackages, root, run, seconds, tail } from './lib.mjs';
import { startLoopbackRegistry } from './loopback-registry.mjs';

const failures = [];
const fail = (pkg, reason) => {
  failures.push(`[${pkg}] ${reason}`);
  console.log(`  ✗ [${pkg}] ${reason}`);
};

/**
 * `changeset status` compares with the base branch (main). A CI checkout may have no local main:
 * then it compares with origin/main, and with neither (a detached shallow clone) with HEAD, which
 * still reads and validates every changeset.
 */
async function status() {
  let args = ['status', '--verbose'];
  const hasMain = (await run('git', ['rev-parse', '--verify', '--quiet', 'main'])).code === 0;
  if (!hasMain) {
    const hasOrigin =
      (await run('git', ['rev-parse', '--verify', '--quiet', 'origin/main'])).code === 0;
    args = [...args, `--since=${hasOrigin ? 'origin/main' : 'HEAD'}`];
  }
  const changeset = join(root, 'node_modules', '.bin', 'changeset');
  const dir = mkdtempSync(join(tmpdir(), 'threadline-status-'));
  try {
    const result = await run(changeset, args);
    console.log(`== changeset ${args.join(' ')}\n${tail(result.stdout + result.stderr, 40)}`);
    if (result.code !== 0) {
      fail('changeset status', `exit ${result.code}`);
      return;
    }
    // With --output, status writes the plan instead of printing it: hence a second run.
    const planFile = join(dir, 'plan.json');
    const planned = await run(changeset, [...args, `--output=${planFile}`]);
    if (planned.code !== 0) {
      fail('changeset status', `--output: exit ${planned.code}`);
      return;
    }
    // Changesets makes a package major when a peer it depends on leaves its range, also in 0.x,
    // where that means an unasked-for 1.0.0. Only a changeset may ask for a major.
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    for (const release of plan.releases) {
      if (release.type !== 'major') continue;
      const asked = plan.changesets.some((c) =>
        c.releases.some((r) => r.name === release.name && r.type === 'major'),
      );
      if (!asked) {
        fail(
          release.name,
          `would go ${release.oldVersion} -> ${release.newVersion} though no changeset asks for a major: a workspace package it peer-depends on leaves the peer range (in 0.x use e.g. "workspace:>=0.1.0 <1.0.0")`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function publish() {
  const packages = publicPackages();
  const before = failures.length;
  for (const entry of packages) {
    const config = entry.pkg.publishConfig ?? {};
    const registryKeys = Object.keys(config).filter(
      (k) => k === 'registry' || k.endsWith(':registry'),
    );
    if (registryKeys.length) {
      fail(entry.name, `publishConfig.${registryKeys[0]} would bypass the loopback registry`);
    }
    if (!existsSync(join(entry.dir, 'dist'))) fail(entry.name, 'not built: run pnpm build first');
  }
  if (failures.length > before) return;

  const token = randomBytes(12).toString('hex');
  const registry = await startLoopbackRegistry({ token });
  const dir = mkdtempSync(join(tmpdir(), 'threadline-publish-'));
  try {
    const host = registry.url.replace(/^http:/, '');
    const npmrc = join(dir, '.npmrc');
    writeFileSync(npmrc, `registry=${registry.url}/\n${host}/:_authToken=${token}\n`);
    const env = {
      npm_config_registry: `${registry.url}/`,
      npm_config_userconfig: npmrc,
      NPM_CONFIG_USERCONFIG: npmrc,
      npm_config_cache: join(dir, 'npm-cache'), // nothing of this registry in the shared cache
    };
    const changeset = join(root, 'node_modules', '.bin', 'changeset');
    const result = await run(changeset, ['publish', '--no-git-tag'], { env });
    console.log(
      `== changeset publish --no-git-tag (registry ${registry.url})\n${tail(result.stdout + result.stderr, 40)}`,
    );
    if (result.code !== 0) fail('changeset publish', `exit ${result.code}`);

    for (const entry of packages) {
      const published = registry.packages.get(entry.name);
      const manifest = published?.packument.versions[entry.version];
      if (!manifest) {
        fail(entry.name, `${entry.version} was not published`);
        continue;
      }
      if (published.packument['dist-tags'].latest !== entry.version) {
        fail(entry.name, `dist-tag latest is ${published.packument['dist-tags'].latest}`);
      }
      for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
        for (const [name, range] of Object.entries(manifest[field] ?? {})) {
          if (/^(workspace|link|file|portal):/.test(range)) {
            fail(entry.name, `${field}.${name} published as "${range}"`);
          }
        }
      }
      const file = join(dir, `${entry.name.replace('/', '__')}.tgz`);
      const response = await fetch(manifest.dist.tarball);
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const listing = await run('tar', ['-tzf', file]);
      const files = new Set(listing.stdout.split('\n').map((f) => f.replace(/^package\//, '')));
      const main = [manifest.main, manifest.types]
        .filter(Boolean)
        .map((f) => f.replace(/^\.\//, ''));
      const missing = main.filter((f) => !files.has(f));
      if (listing.code !== 0 || missing.length) {
        fail(entry.name, `tarball lacks ${missing.join(', ') || 'everything (unreadable)'}`);
      } else {
        console.log(`  ✓ ${entry.name}@${entry.version} published (${files.size - 1} files)`);
      }
    }
  } finally {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
await status();
await publish();
console.log(
  `\nrelease dry run: ${failures.length ? `${failures.length} failure(s)` : 'ok'} in ${seconds(Date.now() - started)}`,
);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
