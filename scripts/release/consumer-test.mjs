#!/usr/bin/env node
// pnpm test:consumers — installs the packed packages into fresh projects outside the workspace,
// exactly as a user gets them from the registry (no workspace links), and runs a smoke script
// per package in each:
//   kinds: esm (JavaScript, "type": "module"), cjs (JavaScript, CommonJS), ts-node16 (TypeScript
//          `module`/`moduleResolution: node16`, an ESM and a CommonJS (.cts) build of every smoke;
//          `node20` in the current set, which models the require() of ES modules that Node 22
//          has and ESM-only ai 7 needs: that kind is called ts-node20 there),
//          ts-bundler (TypeScript `moduleResolution: bundler`); TypeScript is type-checked with
//          tsc, then the output runs on node;
//   sets:  low and high end of the previous majors' ranges (Node 20) and the newest majors
//          (`current`: ai 7, openai 7, LangChain 1.4, OpenTelemetry SDK 3; Node 22.15+), chosen
//          by the running Node: low and high on Node 20, high and current on Node 22 and 24
//          (scripts/release/matrix.mjs); a set's TypeScript kinds run on one Node only (its
//          `typescriptOn`: high on 20, current on 22), unless --kinds names them.
// Builds first (turbo; cached), packs with `pnpm pack`, installs with npm and its shared cache;
// the `@threadline` scope comes from a registry on 127.0.0.1 that serves the tarballs
// (tarball-registry.mjs), so every dependency among our packages is the packed one. An install
// that warns about peer dependencies (or stops with ERESOLVE) fails. The smokes call the
// OpenAI-compatible server of the packed @threadline/testing, run beside the projects
// (loopback-servers.mjs). Any failure prints "[package, kind, set] reason" and exits 1.
// Usage: node scripts/release/consumer-test.mjs [--skip-build] [--sets low,high,current]
//          [--kinds esm,cjs,ts-node16,ts-bundler] [--packages @threadline/core,...] [--jobs 2] [--keep]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { SMOKES, smokeSkipped, smokeSource } from './consumer/smokes.mjs';
import { pack, publicPackages, readJson, root, run, seconds, tail } from './lib.mjs';
import { startLoopbackServers } from './loopback-servers.mjs';
import { PROJECT_KINDS, SET_PROFILES, VERSION_SETS } from './matrix.mjs';
import { startTarballRegistry } from './tarball-registry.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
// The sets this Node runs: the previous majors on Node 20, the newest from Node 22.15.
const runnableSets = Object.keys(VERSION_SETS).filter((set) =>
  semver.satisfies(process.versions.node, SET_PROFILES[set].node),
);
const sets = option('--sets')?.split(',') ?? runnableSets;
const givenKinds = option('--kinds')?.split(',');
const kinds = givenKinds ?? PROJECT_KINDS;
const onlyPackages = option('--packages')?.split(',');
const jobs = Number(option('--jobs') ?? 2);
const keep = args.includes('--keep');
const skipBuild = args.includes('--skip-build');

const failures = [];
const notes = [];
const failed = (label, reason) => {
  const text = `[${label.join(', ')}] ${reason}`;
  failures.push(text);
  console.log(`  ✗ ${text}`);
};
const note = (text) => {
  notes.push(text);
  console.log(`  note: ${text}`);
};

/** Entry files a package's exports promise, so a failed or partial build is caught here. */
function entryFiles(entry) {
  const files = new Set();
  const walk = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./dist/')) files.add(value);
    } else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(entry.pkg.exports);
  return [...files];
}

async function build(packages) {
  const started = Date.now();
  const filters = packages.map((p) => `--filter=${p.name}`);
  const result = await run('pnpm', ['turbo', 'run', 'build', '--continue', ...filters]);
  const built = [];
  for (const entry of packages) {
    const missing = entryFiles(entry).filter((f) => !existsSync(join(entry.dir, f)));
    if (missing.length === 0) {
      built.push(entry);
      continue;
    }
    const own = result.stdout
      .split('\n')
      .filter((line) => line.startsWith(`${entry.name}:build`))
      .join('\n');
    failed(
      [entry.name, 'build'],
      `missing ${missing.join(', ')}\n${tail(own || result.stderr, 15)}`,
    );
  }
  console.log(
    `build: ${built.length}/${packages.length} packages in ${seconds(Date.now() - started)}`,
  );
  return built;
}

function projectFiles(kind, smokes, versions, profile) {
  const files = {}; // relative path -> source
  const runs = []; // { pkg, label, file }
  for (const name of smokes) {
    const { slug } = SMOKES[name];
    const version = versions.get(name);
    if (kind === 'esm' || kind === 'cjs') {
      const file = `smoke-${slug}.${kind === 'esm' ? 'mjs' : 'cjs'}`;
      files[file] = smokeSource(name, { module: kind, typescript: false, version, profile });
      runs.push({ pkg: name, kind, file });
    } else {
      files[`src/smoke-${slug}.ts`] = smokeSource(name, {
        module: 'esm',
        typescript: true,
        version,
        profile,
      });
      runs.push({ pkg: name, kind, file: `dist/smoke-${slug}.js` });
      if (kind.startsWith('ts-node')) {
        files[`src/smoke-${slug}-require.cts`] = smokeSource(name, {
          module: 'cjs',
          typescript: true,
          version,
          profile,
        });
        runs.push({
          pkg: name,
          kind: `${kind} (require)`,
          file: `dist/smoke-${slug}-require.cjs`,
        });
      }
    }
  }
  if (kind.startsWith('ts-')) {
    const node = kind.startsWith('ts-node') ? kind.slice('ts-'.length) : undefined;
    files['tsconfig.json'] = `${JSON.stringify(
      {
        compilerOptions: {
          target: 'es2022',
          module: node ?? 'esnext',
          moduleResolution: node ? 'node16' : 'bundler',
          strict: true,
          // Our declarations are checked too; errors in other packages' are only reported.
          skipLibCheck: false,
          types: ['node'],
          rootDir: 'src',
          outDir: 'dist',
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`;
  }
  return { files, runs };
}

/** Which package a tsc diagnostic is about: ours (by file), or undefined for a third party's. */
function diagnosticOwner(file) {
  const inPackage = file.match(/node_modules\/(@threadline\/[^/]+)\//);
  if (inPackage) return { pkg: inPackage[1], require: file.endsWith('.d.cts') };
  const smoke = file.match(/src\/smoke-([a-z0-9-]+?)(-require)?\.c?ts$/);
  if (smoke) {
    const pkg = Object.keys(SMOKES).find((name) => SMOKES[name].slug === smoke[1]);
    return { pkg, require: Boolean(smoke[2]) };
  }
  return undefined;
}

/** Lines of npm's output that report a peer dependency it could not satisfy. */
function peerWarnings(output) {
  return output.split('\n').filter((line) => /\bpeer\b|ERESOLVE/i.test(line));
}

async function runProject({ kind, set, dir, installed, smokes, versions, typescript, servers }) {
  const started = Date.now();
  const label = (pkg, k = kind) => [pkg, k, set];
  const { files, runs } = projectFiles(kind, smokes, versions, SET_PROFILES[set]);
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(join(dir, file), source);
  // Exact versions: the tarball registry holds one version of each of our packages.
  const dependencies = { ...VERSION_SETS[set] };
  for (const name of installed) dependencies[name] = versions.get(name);
  writeFileSync(join(dir, '.npmrc'), `@threadline:registry=${servers.registryUrl}\n`);
  const devDependencies = kind.startsWith('ts-') ? { typescript, '@types/node': '^20.11.0' } : {};
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: `threadline-consumer-${kind}-${set}`,
        private: true,
        type: kind === 'cjs' ? 'commonjs' : 'module',
        dependencies,
        devDependencies,
      },
      null,
      2,
    )}\n`,
  );

  const install = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn'],
    { cwd: dir, timeoutMs: 5 * 60_000 },
  );
  if (install.code !== 0) {
    failed(label('install'), `npm install failed:\n${tail(install.stderr || install.stdout, 20)}`);
    return { ms: Date.now() - started };
  }
  const installMs = Date.now() - started;
  // What a user installing this set would read: a peer warning means a range disagrees.
  const warnings = peerWarnings(`${install.stdout}\n${install.stderr}`);
  if (warnings.length) {
    failed(
      label('install'),
      `npm warned about peer dependencies:\n${tail(warnings.join('\n'), 12)}`,
    );
  }

  // High ends float to the newest release: it must still run on this Node.
  for (const name of Object.keys(VERSION_SETS[set])) {
    const path = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(path)) continue;
    const { version, engines } = readJson(path);
    if (engines?.node && !semver.satisfies(process.versions.node, engines.node)) {
      failed(label(name, 'install'), `${name}@${version} needs Node ${engines.node}`);
    }
  }

  const broken = new Set(); // pkg or pkg+require whose types failed
  if (kind.startsWith('ts-')) {
    const tsc = await run(
      join(dir, 'node_modules', '.bin', 'tsc'),
      ['-p', '.', '--pretty', 'false'],
      {
        cwd: dir,
      },
    );
    const byPackage = new Map();
    let current;
    for (const line of tsc.stdout.split('\n')) {
      const match = line.match(/^(.+?)\(\d+,\d+\): error TS\d+: /);
      if (match) {
        const owner = diagnosticOwner(match[1]);
        current = owner ? `${owner.pkg}${owner.require ? '|require' : ''}` : 'third-party';
        if (!byPackage.has(current)) byPackage.set(current, []);
        byPackage.get(current).push(line);
      } else if (line.startsWith(' ') && current) byPackage.get(current).push(line);
    }
    for (const [owner, lines] of byPackage) {
      const text = tail(lines.join('\n'), 12);
      if (owner === 'third-party') {
        // Not ours to fix (and invisible with skipLibCheck); one line so ours stand out.
        const count = lines.filter((line) => !line.startsWith(' ')).length;
        note(
          `[${kind}, ${set}] ${count} type error(s) in other packages' declarations, e.g. ${lines[0]}`,
        );
        continue;
      }
      const [pkg, require] = owner.split('|');
      broken.add(owner);
      failed(label(pkg, require ? `${kind} (require)` : kind), `tsc:\n${text}`);
    }
    if (tsc.code !== 0 && byPackage.size === 0) {
      failed(label('tsc'), `tsc failed:\n${tail(tsc.stdout || tsc.stderr)}`);
    }
  }

  let passed = 0;
  for (const smoke of runs) {
    const result = await run(process.execPath, [smoke.file], {
      cwd: dir,
      timeoutMs: 90_000,
      env: { SMOKE_OPENAI_BASE_URL: servers.openaiBaseURL },
    });
    if (result.code === 0) passed++;
    else {
      // The message is at the top; the rest of a stack trace is node internals.
      const output = (result.stderr || result.stdout).trim().split('\n').slice(0, 8).join('\n');
      failed(label(smoke.pkg, smoke.kind), output || `exit code ${result.code}`);
    }
  }
  return { ms: Date.now() - started, installMs, passed, total: runs.length, broken };
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
  const wrongNode = sets.filter((set) => !runnableSets.includes(set));
  if (wrongNode.length) {
    const needs = wrongNode.map((set) => `${set} needs Node ${SET_PROFILES[set]?.node}`);
    console.error(`cannot run on Node ${process.versions.node}: ${needs.join('; ')}`);
    process.exit(1);
  }
  const work = mkdtempSync(join(tmpdir(), 'threadline-consumers-'));
  let servers;
  try {
    // Every public package is built and packed, so the registry holds what the others depend on
    // (@threadline/testing needs @threadline/read-model); --packages narrows the smokes.
    const written = publicPackages().filter((p) => {
      if (existsSync(join(p.dir, 'src', 'index.ts'))) return true;
      failed([p.name, 'build'], 'not written yet: no src/index.ts');
      return false;
    });
    const built = skipBuild ? written : await build(written);

    const tarballs = new Map();
    const versions = new Map();
    for (const entry of built) {
      try {
        tarballs.set(entry.name, await pack(entry, join(work, 'tarballs')));
        versions.set(entry.name, entry.version);
      } catch (error) {
        failed([entry.name, 'pack'], error.message);
      }
    }

    const smokes = [];
    for (const entry of publicPackages()) {
      if (onlyPackages && !onlyPackages.includes(entry.name)) continue;
      if (!SMOKES[entry.name]) {
        note(`${entry.name} has no consumer smoke (scripts/release/consumer/smokes.mjs)`);
      } else if (tarballs.has(entry.name)) {
        const absent = ['@threadline/core', '@threadline/testing'].filter((n) => !tarballs.has(n));
        if (absent.length)
          failed([entry.name, 'all'], `cannot run: ${absent.join(', ')} not packed`);
        else smokes.push(entry.name);
      }
    }
    if (smokes.length === 0) throw new Error('no smoke to run');

    const registry = await startTarballRegistry({ tarballs });
    servers = { close: () => registry.close() };
    const loopback = await startLoopbackServers({
      dir: join(work, 'loopback-servers'),
      registryUrl: registry.url,
    });
    console.log(`packed, loopback servers up: ${seconds(Date.now() - started)}`);
    servers = {
      registryUrl: registry.url,
      openaiBaseURL: loopback.openaiBaseURL,
      close: () => Promise.all([loopback.close(), registry.close()]),
    };

    const typescript = readJson(join(root, 'node_modules', 'typescript', 'package.json')).version;
    const projects = [];
    for (const set of sets) {
      const profile = SET_PROFILES[set];
      const setSmokes = smokes.filter((name) => {
        const why = smokeSkipped(name, profile);
        if (why) note(`${name} has no smoke in the ${set} set: ${why}`);
        return !why;
      });
      // Only what the smokes use is installed (a CLI such as @threadline/dev has native
      // dependencies; it is packed and checked by check:packages, not installed here).
      const installed = [...new Set(['@threadline/core', ...setSmokes])];
      // TypeScript kinds where the set type-checks (SET_PROFILES), unless --kinds names them.
      const typescriptHere = semver.satisfies(process.versions.node, profile.typescriptOn);
      const setKinds = kinds.filter((k) => givenKinds || typescriptHere || !k.startsWith('ts-'));
      if (setKinds.length < kinds.length) {
        note(`${set}: TypeScript kinds run on Node ${profile.typescriptOn}, JavaScript kinds here`);
      }
      for (const given of setKinds) {
        const kind = given === 'ts-node16' ? `ts-${profile.tsNode}` : given;
        projects.push({
          kind,
          set,
          dir: join(work, `${kind}-${set}`),
          installed,
          smokes: setSmokes,
          versions,
          typescript,
          servers,
        });
      }
    }
    console.log(
      `consumer projects: ${projects.length} (${projects.map((p) => `${p.kind}-${p.set}`).join(', ')}) on Node ${process.versions.node}, smokes: ${smokes.join(', ')}; in ${work}`,
    );
    await pool(
      projects.map((project) => async () => {
        const result = await runProject(project);
        const summary =
          result.total === undefined ? 'not run' : `${result.passed}/${result.total} smokes passed`;
        console.log(
          `${project.kind}-${project.set}: ${summary} in ${seconds(result.ms)}${result.installMs ? ` (install ${seconds(result.installMs)})` : ''}`,
        );
        return result;
      }),
      jobs,
    );
    for (const set of sets) {
      const project = projects.find(
        (p) => p.set === set && existsSync(join(p.dir, 'node_modules')),
      );
      if (!project) continue;
      const found = Object.keys(VERSION_SETS[set])
        .map((name) => {
          const path = join(project.dir, 'node_modules', name, 'package.json');
          return existsSync(path) ? `${name}@${readJson(path).version}` : `${name}: absent`;
        })
        .join(', ');
      console.log(`${set} set installed: ${found}`);
    }
  } catch (error) {
    failed(['consumer test'], error.message);
  } finally {
    await servers?.close();
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\nconsumer test: ${failures.length ? `${failures.length} failure(s)` : 'all passed'} in ${seconds(Date.now() - started)}`,
  );
  if (failures.length) {
    console.error(`\n${failures.join('\n\n')}`);
    process.exit(1);
  }
}

await main();
