#!/usr/bin/env node
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
// pnpm check:packages — checks every public package the way the registry will serve it: packs it
// (`pnpm pack`, as `pnpm publish` would), then
//   1. publint --strict on the tarball;
//   2. @arethetypeswrong/cli on the tarball, every resolution mode (node10, node16 from CJS and
//      from ESM, bundler);
//   3. peers: @opentelemetry/api and the adapter's framework are peers (never dependencies), the
//      ranges include every version we test (workspace installs and the consumer-test sets), and
//      the dependencies' own peers are provided;
//   4. nothing of a dependency or peer is bundled into dist, and dist imports nothing undeclared;
//   5. dist carries the stamped version literal and reads no package.json at run time;
//   6. the tarball has a README with an install line naming the peers and an example.
// Needs a build (`pnpm build`). Prints the package and the reason of each failure; exits 1 on any.
// Usage: node scripts/release/check-packages.mjs [--only @threadline/core,...] [--keep]
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import semver from 'semver';
import {
  listFiles,
  pack,
  publicPackages,
  readJson,
  root,
  run,
  seconds,
  tail,
  unpack,
  workspaceProjects,
} from './lib.mjs';
import { FRAMEWORK_PEERS, OTEL_API, VERSION_SETS } from './matrix.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const keep = args.includes('--keep');

/**
 * attw problems we accept, each with the reason. node10 resolution (TypeScript's
 * `moduleResolution: node`/`node10`) predates `exports`, so it cannot see subpath exports such as
 * `@threadline/core/node`; the root entry must still resolve there. Runtime Node (>= 12) and every
 * other TypeScript mode read `exports`, and these are what we support.
 */
const ACCEPTED_ATTW = [
  {
    why: 'node10 resolution does not read `exports`, so subpaths cannot resolve there',
    matches: (p) =>
      p.kind === 'NoResolution' && p.resolutionKind === 'node10' && p.entrypoint !== '.',
  },
];

/** Strings that only appear in a bundled copy of a package's code. */
const BUNDLE_MARKERS = {
  '@opentelemetry/api': 'opentelemetry.js.api.',
  openai: 'X-Stainless-Retry-Count',
  ai: 'vercel.ai.error',
  '@langchain/core': 'lc_serializable_keys',
};

const builtins = new Set(builtinModules);
const packageNameOf = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

/** Versions of each dependency installed in the workspace projects that use `pkgName`. */
function testedVersions(pkgName) {
  const tested = new Map(); // real name -> Map(version -> where)
  for (const dir of workspaceProjects()) {
    const project = readJson(join(dir, 'package.json'));
    const deps = { ...project.dependencies, ...project.devDependencies };
    if (project.name !== pkgName && !(pkgName in deps)) continue;
    for (const alias of Object.keys(deps)) {
      const installed = join(dir, 'node_modules', alias, 'package.json');
      if (!existsSync(installed)) continue;
      const { name, version } = readJson(installed);
      if (!tested.has(name)) tested.set(name, new Map());
      tested.get(name).set(version, `${relative(root, dir)} (${alias})`);
    }
  }
  return tested;
}

/** Bare module specifiers imported by a JS file: static (`from`, `require`) and dynamic. */
function importsOf(code) {
  const found = [];
  const patterns = [
    ['static', /(?:^|[\s;}])(?:import|export)\s[^'"]*?\sfrom\s*["']([^"']+)["']/g],
    ['static', /(?:^|[\s;}])import\s*["']([^"']+)["']/g],
    ['static', /\brequire\(\s*["']([^"']+)["']\s*\)/g],
    ['dynamic', /\bimport\(\s*["']([^"']+)["']\s*\)/g],
  ];
  for (const [how, pattern] of patterns) {
    for (const [, specifier] of code.matchAll(pattern)) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
      const bare = specifier.replace(/^node:/, '');
      if (specifier.startsWith('node:') || builtins.has(bare) || builtins.has(bare.split('/')[0]))
        continue;
      found.push({ name: packageNameOf(specifier), how });
    }
  }
  return found;
}

async function checkPublint(tarball, fail, note) {
  const buffer = readFileSync(tarball);
  const tarballData = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length);
  const { messages, pkg } = await publint({
    pack: { tarball: tarballData },
    level: 'suggestion',
    strict: true,
  });
  for (const message of messages) {
    const text = `publint ${message.code}: ${formatMessage(message, pkg) ?? message.code}`;
    if (message.type === 'suggestion') note(text);
    else fail(text);
  }
}

async function checkAttw(tarball, fail, note) {
  const attw = join(root, 'node_modules', '.bin', 'attw');
  const result = await run(attw, [tarball, '--format', 'json', '--no-color']);
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    fail(`attw did not run: ${tail(result.stderr || result.stdout, 10)}`);
    return;
  }
  for (const problem of report.analysis.problems ?? []) {
    const where = problem.entrypoint
      ? ` (entrypoint ${problem.entrypoint}, ${problem.resolutionKind})`
      : '';
    const accepted = ACCEPTED_ATTW.find((rule) => rule.matches(problem));
    if (accepted) note(`attw ${problem.kind}${where} accepted: ${accepted.why}`);
    else fail(`attw ${problem.kind}${where}`);
  }
}

function checkPeers(entry, packed, fail, note, packagesByName) {
  const peers = packed.peerDependencies ?? {};
  const deps = packed.dependencies ?? {};
  const optional = packed.peerDependenciesMeta ?? {};
  // A command-line tool (`bin`) runs in its own process, so it may depend on the API instead;
  // what it imports must still be declared (checkDist) and its dependencies' peers provided.
  // A package with no OpenTelemetry package among its dependencies and peers (the read model)
  // uses none; if its dist imported one anyway, checkDist reports it as undeclared.
  const usesOtel = Object.keys({ ...deps, ...peers }).some((n) => n.startsWith('@opentelemetry/'));
  const required = [
    ...(packed.bin || !usesOtel ? [] : [OTEL_API]),
    ...(FRAMEWORK_PEERS[entry.name] ?? []),
  ];
  for (const name of required) {
    if (!(name in peers)) fail(`${name} is not a peer dependency`);
    else if (optional[name]?.optional) fail(`${name} is an optional peer; it must be required`);
    if (name in deps) fail(`${name} is a dependency; it must be a peer only (one copy per app)`);
  }
  for (const [name, range] of Object.entries({ ...deps, ...peers })) {
    if (/^(workspace|link|file|portal):/.test(range)) {
      fail(`${name}: "${range}" left in the packed package.json`);
    }
  }

  // The versions we test must lie inside the published ranges.
  const tested = testedVersions(entry.name);
  for (const [name, range] of Object.entries(peers)) {
    if (!semver.validRange(range)) {
      fail(`peer ${name}: "${range}" is not a valid range`);
      continue;
    }
    const versions = [...(tested.get(name) ?? new Map())];
    for (const [version, where] of versions) {
      if (!semver.satisfies(version, range)) {
        fail(`peer ${name}@${range} excludes ${version}, which ${where} tests`);
      }
    }
    const sets = Object.entries(VERSION_SETS).filter(([, set]) => name in set);
    for (const [setName, set] of sets) {
      if (!semver.subset(set[name], range)) {
        fail(`peer ${name}@${range} excludes ${set[name]} of the consumer test's "${setName}" set`);
      }
    }
    // Each alternative of the range (e.g. ^5 || ^6) is exercised by something, and for the
    // frameworks and the API the first release we claim is exactly the lowest one we test.
    const strict = required.includes(name);
    const all = [...versions.map(([v]) => v)];
    for (const [, set] of sets) if (semver.valid(set[name])) all.push(set[name]);
    for (const alternative of new semver.Range(range).set) {
      const text = alternative.map((c) => c.value).join(' ');
      if (!all.some((v) => semver.satisfies(v, text))) {
        (strict ? fail : note)(`peer ${name}: "${text}" is claimed but no test installs it`);
      }
    }
    if (strict && all.length) {
      const floor = semver.minVersion(range);
      const lowest = semver.sort([...all])[0];
      if (floor && !semver.eq(lowest, floor)) {
        fail(
          `peer ${name}@${range} starts at ${floor}, but the lowest tested version is ${lowest}`,
        );
      }
    }
  }

  // What our dependencies expect as peers, we must provide (as a dependency or a peer).
  for (const name of Object.keys(deps)) {
    const dependency = packagesByName.get(name);
    if (!dependency) continue;
    const theirs = dependency.pkg.peerDependencies ?? {};
    const theirMeta = dependency.pkg.peerDependenciesMeta ?? {};
    for (const peer of Object.keys(theirs)) {
      if (theirMeta[peer]?.optional) continue;
      if (!(peer in deps) && !(peer in peers)) {
        fail(`depends on ${name}, whose peer ${peer} it neither depends on nor declares as a peer`);
      }
    }
  }
}

/**
 * Subpath entries that exist for one package the application installs itself: importing the
 * entry means using that package, so loading it at load time is the point (the main entry must
 * still not need it). It is not declared as a peer at all: npm checks an optional peer's range
 * against that package's newest release even when nobody installs it, so a range wide enough
 * for two OpenTelemetry API minors made `npm install @threadline/openai` fail with ERESOLVE
 * next to api 1.9. The entry's README names its install line instead.
 */
const ENTRY_PEERS = {
  '@threadline/openai': [['dist/instrumentation/', '@opentelemetry/instrumentation']],
};

function isEntryOfPeer(packageName, file, peer) {
  return (ENTRY_PEERS[packageName] ?? []).some(
    ([prefix, name]) => name === peer && file.startsWith(prefix),
  );
}

function checkDist(entry, dir, packed, fail) {
  const files = listFiles(dir);
  const js = files.filter((f) => /^dist\/.*\.(c|m)?js$/.test(f));
  const maps = files.filter((f) => /^dist\/.*\.map$/.test(f));
  if (js.length === 0) {
    fail('no JavaScript under dist/ in the tarball (run pnpm build)');
    return;
  }
  const deps = packed.dependencies ?? {};
  const peers = packed.peerDependencies ?? {};
  const optional = packed.peerDependenciesMeta ?? {};
  const reported = new Set();
  const once = (key, text) => {
    if (reported.has(key)) return;
    reported.add(key);
    fail(text);
  };
  for (const file of js) {
    const code = readFileSync(join(dir, file), 'utf8');
    for (const { name, how } of importsOf(code)) {
      if (name === entry.name) continue;
      if (!(name in deps) && !(name in peers) && !isEntryOfPeer(entry.name, file, name)) {
        once(
          `undeclared ${name}`,
          `${file} imports ${name}, which is neither a dependency nor a peer`,
        );
      } else if (
        optional[name]?.optional &&
        !(name in deps) &&
        how === 'static' &&
        !isEntryOfPeer(entry.name, file, name)
      ) {
        once(
          `optional ${name} ${file}`,
          `${file} imports the optional peer ${name} at load time: without it the entry fails to load`,
        );
      }
    }
    for (const [name, marker] of Object.entries(BUNDLE_MARKERS)) {
      if (name !== entry.name && code.includes(marker)) {
        once(
          `bundled ${name}`,
          `${file} contains ${name}'s code ("${marker}"): it must stay external`,
        );
      }
    }
    if (code.includes('package.json') || code.includes('"devDependencies"')) {
      once(`pkgjson ${file}`, `${file} reads or inlines a package.json at run time`);
    }
  }
  for (const file of maps) {
    const { sources = [] } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const source of sources) {
      const bundled = [...source.matchAll(/node_modules\/((?:@[^/+]+\/)?[^/]+)/g)].pop();
      if (bundled) {
        once(`bundled ${bundled[1]}`, `${file}: ${bundled[1]} is bundled (${source})`);
        continue;
      }
      const inside = source.replace(/^(\.\.\/)+/, '');
      if (!inside.startsWith('src/')) {
        const where = source
          .split('/')
          .filter((part) => part !== '..')
          .slice(0, 2)
          .join('/');
        once(
          `foreign ${where}`,
          `${file}: bundles ${source} and more of ${where}, outside this package`,
        );
      }
    }
  }
  if (maps.length === 0) fail('no source maps under dist/: cannot prove what was bundled');

  // The version is a literal in every build (ESM and CJS), stamped from package.json.
  const literal = new RegExp(
    `PACKAGE_VERSION\\w*\\s*=\\s*${JSON.stringify(packed.version).replace(/\./g, '\\.')}`,
  );
  for (const ext of ['.js', '.cjs']) {
    const build = js.filter((f) => f.endsWith(ext));
    if (build.length === 0) continue;
    const text = build.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    if (!literal.test(text)) {
      fail(
        `dist/*${ext} has no stamped PACKAGE_VERSION = "${packed.version}" (stale build or src/version.ts; run node scripts/stamp-versions.mjs && pnpm build)`,
      );
    }
  }
  const tests = files.filter((f) => /\.test\.[cm]?[jt]s$/.test(f));
  if (tests.length) fail(`the tarball ships tests: ${tests.slice(0, 3).join(', ')}`);
}

function checkReadme(dir, packed, fail) {
  const readmePath = join(dir, 'README.md');
  if (!existsSync(readmePath)) {
    fail('no README.md in the tarball');
    return;
  }
  const readme = readFileSync(readmePath, 'utf8');
  const optional = packed.peerDependenciesMeta ?? {};
  const peers = Object.keys(packed.peerDependencies ?? {}).filter((p) => !optional[p]?.optional);
  const installLines = readme
    .split('\n')
    .filter((line) => /\b(npm|pnpm|yarn|bun)\s+(install|add|i)\b/.test(line));
  const install = installLines.find((line) => line.includes(packed.name));
  if (!install) fail(`README.md has no install line for ${packed.name}`);
  else {
    const missing = peers.filter((peer) => !installLines.some((line) => line.includes(peer)));
    if (missing.length) fail(`README.md install line leaves out the peers ${missing.join(', ')}`);
  }
  if (!/```(ts|typescript|js|javascript|mjs|cjs)\n/.test(readme)) {
    fail('README.md has no code example (a ```ts or ```js block)');
  }
}

async function main() {
  const started = Date.now();
  const all = publicPackages();
  const packagesByName = new Map(all.map((p) => [p.name, p]));
  const selected = only ? all.filter((p) => only.includes(p.name)) : all;
  const work = mkdtempSync(join(tmpdir(), 'threadline-check-'));
  const failures = [];
  try {
    for (const entry of selected) {
      const own = [];
      const notes = [];
      const fail = (text) => own.push(text);
      const note = (text) => notes.push(text);
      try {
        if (!existsSync(join(entry.dir, 'dist'))) {
          fail('not built: no dist/ (run pnpm build first)');
        } else {
          const tarball = await pack(entry, join(work, 'tarballs'));
          const dir = await unpack(tarball, join(work, entry.name.replace('/', '__')));
          const packed = readJson(join(dir, 'package.json'));
          await checkPublint(tarball, fail, note);
          await checkAttw(tarball, fail, note);
          checkPeers(entry, packed, fail, note, packagesByName);
          checkDist(entry, dir, packed, fail);
          checkReadme(dir, packed, fail);
        }
      } catch (error) {
        fail(`check crashed: ${error.stack ?? error}`);
      }
      console.log(`${own.length ? '✗' : '✓'} ${entry.name}@${entry.version}`);
      for (const text of notes) console.log(`    note: ${text}`);
      for (const text of own) {
        console.log(`    ✗ ${text}`);
        failures.push(`[${entry.name}] ${text}`);
      }
    }
  } finally {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\n${selected.length} packages checked in ${seconds(Date.now() - started)}: ${failures.length ? `${failures.length} problem(s)` : 'all good'}`,
  );
  if (failures.length) {
    console.error(`\n${failures.join('\n')}`);
    process.exit(1);
  }
}

await main();
