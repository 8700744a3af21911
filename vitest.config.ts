import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { defineConfig } from 'vitest/config';

/** Every `vitest*.config.ts` in a package folder, a compat folder, an example or bench. */
function projectConfigs(): string[] {
  const dirs = ['bench'];
  for (const parent of ['packages', 'examples']) {
    for (const name of readdirSync(parent)) {
      dirs.push(join(parent, name));
      const compat = join(parent, name, 'compat');
      if (existsSync(compat)) dirs.push(...readdirSync(compat).map((c) => join(compat, c)));
    }
  }
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter(
            (f) =>
              /^vitest.*\.config\.ts$/.test(f) && (dir === 'bench' || f === 'vitest.config.ts'),
          )
          .map((f) => join(dir, f))
      : [],
  );
}

/**
 * A project whose package.json asks for a newer Node than this one (ai 7, openai 7, LangChain
 * 1.4+, OpenTelemetry SDK 3 need Node 22) is left out of the run, and said so: `pnpm test` on
 * Node 20 runs the previous majors, on Node 22/24 it runs everything.
 */
function runsOnThisNode(config: string): boolean {
  const manifest = join(dirname(config), 'package.json');
  if (!existsSync(manifest)) return true;
  const range: string | undefined = JSON.parse(readFileSync(manifest, 'utf8')).engines?.node;
  if (!range || semver.satisfies(process.versions.node, range)) return true;
  console.log(
    `[threadline] skipping ${dirname(config)}: needs Node ${range}, this is ${process.version}`,
  );
  return false;
}

export default defineConfig({
  test: {
    projects: projectConfigs().filter(runsOnThisNode),
  },
});
