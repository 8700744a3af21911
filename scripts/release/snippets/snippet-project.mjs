// One fresh project for one install line and one package manager: runs the install line word for
// word (npm, or its pnpm form), then type-checks and runs each snippet that goes with the line.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { readJson, root, run, tail } from '../lib.mjs';
import { importedPackages, packageName } from './parse-readme.mjs';

const INSTALL_TIMEOUT_MS = 5 * 60_000;
const RUN_TIMEOUT_MS = 60_000;
const builtins = new Set(builtinModules);

/**
 * Dependencies of our packages with a build script: pnpm 10 runs none unless allowed, as a pnpm
 * user does with `pnpm approve-builds` (better-sqlite3, the store of @threadline/dev).
 */
const NATIVE_DEPENDENCIES = ['better-sqlite3'];

/** The command that runs an `npm install …` line with `pm`, and the flags that only quieten it. */
export function installCommand(pm, args) {
  if (pm === 'npm')
    return ['npm', ['install', ...args, '--no-audit', '--no-fund', '--prefer-offline']];
  // `pnpm add` takes npm's package specs and --save-dev as they are.
  const allow = NATIVE_DEPENDENCIES.map((name) => `--allow-build=${name}`);
  return ['pnpm', ['add', ...args, ...allow, '--prefer-offline', '--reporter=append-only']];
}

/**
 * The headers of the running Node, for addons built from source (better-sqlite3 where no
 * prebuilt binary can be fetched): npm's `nodedir` may name another Node's (the machine's).
 * The `node` package of the npm registry keeps them in node_modules/node-<platform>-<arch>.
 */
function nodeHeaders() {
  const home = dirname(dirname(process.execPath));
  const candidates = [home];
  const nested = join(home, 'node_modules');
  if (existsSync(nested)) {
    for (const name of readdirSync(nested)) {
      if (name.startsWith('node-')) candidates.push(join(nested, name));
    }
  }
  return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node.h')));
}

/** Lines of a package manager's output that report an unmet or conflicting peer dependency. */
function peerWarnings(output) {
  return output
    .split('\n')
    .filter((line) => /\bpeer\b|ERESOLVE/i.test(line) && !/^\s*$/.test(line));
}

/** A file name for a snippet: its README and line. */
function fileNameOf(snippet) {
  const base = snippet.file.replace(/\/?README\.md$/i, '').replace(/[^a-z0-9]+/gi, '-') || 'root';
  return `${base.replace(/^-|-$/g, '')}-${snippet.line}`;
}

/** The Node environment a snippet runs in: the SDKs pointed at the loopback servers. */
function snippetEnv(openaiBaseURL, receiverUrl) {
  const env = {};
  for (const key of Object.keys(process.env)) {
    if (/^(OPENAI_|OTEL_|LANGFUSE_|THREADLINE_)/.test(key) || key === 'NODE_OPTIONS') {
      env[key] = undefined;
    }
  }
  return {
    ...env,
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: openaiBaseURL,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
  };
}

/**
 * Installs `install` with `pm` into `dir`, then type-checks and runs `snippets` there. Returns
 * { install: { ok, ms, output }, results: [{ snippet, ok, reason?, spans? }] }.
 */
export async function runSnippetProject({ dir, pm, install, snippets, registryUrl, servers }) {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'readme-snippets', private: true, type: 'module' }, null, 2)}\n`,
  );
  // Our packages come from the tarball registry; everything else from the public registry.
  writeFileSync(join(dir, '.npmrc'), `@threadline:registry=${registryUrl}\n`);

  const started = Date.now();
  const [command, args] = installCommand(pm, install.args);
  const headers = nodeHeaders();
  const installed = await run(command, args, {
    cwd: dir,
    timeoutMs: INSTALL_TIMEOUT_MS,
    env: headers ? { npm_config_nodedir: headers } : {},
  });
  const output = `${installed.stdout}\n${installed.stderr}`;
  const installMs = Date.now() - started;
  const fail = (reason) => ({
    install: { ok: false, ms: installMs, output },
    results: snippets.map((snippet) => ({ snippet, ok: false, reason })),
  });
  if (installed.code !== 0) return fail(`${pm} install failed:\n${tail(output, 15)}`);

  // What the line claims: every package it names runs on this Node, and no peer is left unmet.
  const problems = [];
  const warnings = peerWarnings(output);
  if (warnings.length) problems.push(`${pm} warned about peers:\n${tail(warnings.join('\n'), 8)}`);
  const named = install.args.filter((a) => !a.startsWith('-')).map(packageName);
  for (const name of named) {
    const path = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(path)) continue;
    const { version, engines } = readJson(path);
    if (engines?.node && !semver.satisfies(process.versions.node, engines.node)) {
      problems.push(
        `${name}@${version} needs Node ${engines.node}: say so in a "# … Node N+" comment above the line`,
      );
    }
  }
  if (problems.length) return fail(problems.join('\n'));

  const files = snippets.map((snippet) => ({ snippet, name: fileNameOf(snippet) }));
  for (const { snippet, name } of files)
    writeFileSync(join(dir, 'src', `${name}.ts`), snippet.code);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'es2022',
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          skipLibCheck: true,
          // Node's types from the repository: the install line is all the project has.
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
          rootDir: 'src',
          outDir: 'dist',
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  const tsc = await run(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--pretty', 'false'],
    {
      cwd: dir,
    },
  );
  const typeErrors = new Map(); // file name -> lines
  let current;
  for (const line of tsc.stdout.split('\n')) {
    const match = line.match(/^src\/(.+?)\.ts\(\d+,\d+\): error /);
    if (match) current = match[1];
    else if (!line.startsWith(' ')) current = undefined;
    if (current) typeErrors.set(current, [...(typeErrors.get(current) ?? []), line]);
  }

  const results = [];
  for (const { snippet, name } of files) {
    const reasons = [];
    const missing = importedPackages(snippet.code).filter(
      (p) => !named.includes(p) && !builtins.has(p),
    );
    if (missing.length)
      reasons.push(`imports ${missing.join(', ')}, which the install line leaves out`);
    if (typeErrors.has(name)) reasons.push(`tsc:\n${tail(typeErrors.get(name).join('\n'), 10)}`);
    const receiver = await servers.receiver();
    const ran = await run(process.execPath, [join('dist', `${name}.js`)], {
      cwd: dir,
      timeoutMs: RUN_TIMEOUT_MS,
      env: snippetEnv(servers.openaiBaseURL, receiver.url),
    });
    const spans = await receiver.spans();
    await receiver.close();
    if (ran.code !== 0) {
      const text = (ran.stderr || ran.stdout).trim().split('\n').slice(0, 10).join('\n');
      reasons.push(`node exited with ${ran.code}:\n${text}`);
    }
    results.push({
      snippet,
      ok: reasons.length === 0,
      reason: reasons.join('\n'),
      spans: spans.length,
    });
  }
  if (tsc.code !== 0 && typeErrors.size === 0) {
    for (const result of results) {
      result.ok = false;
      result.reason = `tsc failed:\n${tail(tsc.stdout || tsc.stderr, 10)}`;
    }
  }
  return { install: { ok: true, ms: installMs, output }, results };
}
