#!/usr/bin/env node
// pnpm test:snippets — every ```ts snippet of README.md and packages/*/README.md, compiled and run
// in a fresh project that installed exactly the install line printed above it, from the packed
// tarballs, with npm and with pnpm. The convention (which block is a snippet, which line goes
// with it, fragments, given code) is in scripts/release/README.md and parse-readme.mjs.
//   - our packages come from a registry on 127.0.0.1 that serves the tarballs, as the registry of
//     the `@threadline` scope only, so the line runs word for word (tarball-registry.mjs);
//   - snippets that share an install line share the project (one install per line and manager);
//   - tsc (`module`/`moduleResolution: node16`, strict), then node, with OPENAI_BASE_URL and
//     OPENAI_API_KEY pointing at the OpenAI-compatible server of the packed @threadline/testing
//     and OTEL_EXPORTER_OTLP_ENDPOINT at a fresh OTLP receiver of it (loopback-servers.mjs);
//   - a line whose `#` comment asks for a newer Node than this one is left out (and said so).
// A snippet fails when its install fails or warns about peers, a package of the line declares a
// Node this one is not, it imports a package the line does not name, tsc reports an error in it,
// or it exits non-zero (or runs over 60 s).
// Usage: node scripts/release/readme-snippets.mjs [--skip-build] [--pms npm,pnpm] [--jobs 2]
//          [--files README.md,packages/core/README.md] [--list] [--keep]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import semver from 'semver';
import { pack, publicPackages, root, run, seconds, tail } from './lib.mjs';
import { startLoopbackServers } from './loopback-servers.mjs';
import { parseReadme } from './snippets/parse-readme.mjs';
import { runSnippetProject } from './snippets/snippet-project.mjs';
import { startTarballRegistry } from './tarball-registry.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const pms = option('--pms')?.split(',') ?? ['npm', 'pnpm'];
const jobs = Number(option('--jobs') ?? 2);
const onlyFiles = option('--files')?.split(',');
const listOnly = args.includes('--list');
const keep = args.includes('--keep');
const skipBuild = args.includes('--skip-build');

/** README.md and every packages/<name>/README.md, relative to the repository. */
function readmes() {
  const files = [
    'README.md',
    ...publicPackages().map((p) => relative(root, join(p.dir, 'README.md'))),
  ];
  return files.filter((f) => existsSync(join(root, f)) && (!onlyFiles || onlyFiles.includes(f)));
}

/** 1 for an install line that builds a native addon, else 0. */
function slow(command) {
  return command.includes('@threadline/dev') ? 1 : 0;
}

/** Whether this Node runs a line whose comment asks for `node` (e.g. `22.15`). */
function nodeRuns(node) {
  return !node || semver.gte(process.versions.node, semver.coerce(node));
}

async function pool(tasks, size) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return results;
}

async function main() {
  const started = Date.now();
  const snippets = readmes().flatMap((file) =>
    parseReadme(file, readFileSync(join(root, file), 'utf8')),
  );
  const failures = [];
  const skipped = [];
  // One project per install line and manager, holding every snippet that goes with the line.
  const projects = new Map();
  for (const snippet of snippets) {
    if (snippet.notRunnable) {
      skipped.push(`${snippet.id}: not runnable (${snippet.notRunnable})`);
      continue;
    }
    if (snippet.problems.length) {
      failures.push(`[${snippet.id}] ${snippet.problems.join('; ')}`);
      continue;
    }
    for (const install of snippet.installs) {
      if (!nodeRuns(install.node)) {
        skipped.push(`${snippet.id} with \`${install.command}\`: needs Node ${install.node}+`);
        continue;
      }
      for (const pm of pms) {
        const key = `${pm} ${install.command}`;
        if (!projects.has(key)) projects.set(key, { pm, install, snippets: [] });
        projects.get(key).snippets.push(snippet);
      }
    }
  }
  console.log(
    `README snippets: ${snippets.length} in ${readmes().length} READMEs, ${projects.size} projects (${pms.join(', ')}) on Node ${process.versions.node}`,
  );
  for (const { pm, install, snippets: list } of projects.values()) {
    console.log(`  ${pm}: ${install.command}\n    ${list.map((s) => s.id).join(', ')}`);
  }
  for (const text of skipped) console.log(`  skipped ${text}`);
  if (listOnly) return;

  const work = mkdtempSync(join(tmpdir(), 'threadline-snippets-'));
  let registry;
  let servers;
  try {
    if (!skipBuild) {
      const build = await run('pnpm', ['turbo', 'run', 'build', '--filter=./packages/*']);
      if (build.code !== 0)
        throw new Error(`build failed:\n${tail(build.stdout + build.stderr, 20)}`);
    }
    const tarballs = new Map();
    for (const entry of publicPackages()) {
      tarballs.set(entry.name, await pack(entry, join(work, 'tarballs')));
    }
    registry = await startTarballRegistry({ tarballs });
    servers = await startLoopbackServers({
      dir: join(work, 'loopback-servers'),
      registryUrl: registry.url,
    });
    console.log(`packed, loopback servers up: ${seconds(Date.now() - started)}`);
    // The line that builds an addon from source (better-sqlite3 of @threadline/dev, where no
    // prebuilt binary can be fetched) takes longest: started first, the others run beside it.
    const ordered = [...projects.values()].sort(
      (a, b) => slow(b.install.command) - slow(a.install.command),
    );
    let index = 0;
    const outcomes = await pool(
      ordered.map((project) => async () => {
        const dir = join(work, `${project.pm}-${++index}`);
        const projectStarted = Date.now();
        const outcome = await runSnippetProject({
          dir,
          ...project,
          registryUrl: registry.url,
          servers,
        });
        const passed = outcome.results.filter((r) => r.ok).length;
        console.log(
          `${project.pm}: ${passed}/${outcome.results.length} passed in ${seconds(Date.now() - projectStarted)} (install ${seconds(outcome.install.ms)}): ${project.install.command}`,
        );
        for (const result of outcome.results) {
          const spans = result.spans ? ` (${result.spans} spans reached the receiver)` : '';
          console.log(`  ${result.ok ? '✓' : '✗'} ${result.snippet.id}${spans}`);
          if (!result.ok) {
            failures.push(
              `[${result.snippet.id}, ${project.pm}, ${project.install.command}]\n${result.reason}`,
            );
          }
        }
        return outcome;
      }),
      jobs,
    );
    void outcomes;
  } catch (error) {
    failures.push(`[readme snippets] ${error.message}`);
  } finally {
    await servers?.close();
    await registry?.close();
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\nREADME snippets: ${failures.length ? `${failures.length} failure(s)` : 'all passed'} in ${seconds(Date.now() - started)}`,
  );
  if (failures.length) {
    console.error(`\n${failures.join('\n\n')}`);
    process.exit(1);
  }
}

await main();
