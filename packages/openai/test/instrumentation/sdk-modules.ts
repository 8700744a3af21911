import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type OpenAI from 'openai';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where each major is installed: 6 as `openai` and 5 as `openai-v5` in this package, 7 in the
 * openai-7 compat package. The vitest projects resolve `import 'openai'` to one of them with a
 * resolver plugin; Node's own `require` and a child process need the folder itself.
 */
const INSTALLS = [
  [PACKAGE_ROOT, 'openai'],
  [PACKAGE_ROOT, 'openai-v5'],
  [join(PACKAGE_ROOT, 'compat/openai-7'), 'openai'],
] as const;

/** An installed copy of one `openai` major, loaded by Node itself rather than by vitest. */
export interface SdkInstall {
  /** The folder of its package.json. */
  dir: string;
  /** `require` of its main entry (CommonJS), through Node's require hooks. */
  require(): typeof import('openai');
  /** File URL of its ESM main entry, for `import()` in a child process. */
  esmEntry: string;
}

/** The installed copy of `major`. */
export function sdkInstall(major: number): SdkInstall {
  for (const [root, name] of INSTALLS) {
    const require = createRequire(join(root, 'package.json'));
    let main: string;
    try {
      main = require.resolve(name);
    } catch {
      continue;
    }
    // The main entry sits at the package's root in every major (index.js).
    const dir = dirname(main);
    const { version, exports } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (Number(String(version).split('.')[0]) !== major) continue;
    return {
      dir,
      require: () => require(name),
      esmEntry: pathToFileURL(join(dir, exports['.'].default)).href,
    };
  }
  throw new Error(`openai ${major} is not installed`);
}

/** A client of a `require`d SDK against a loopback server, without retries. */
export function requiredClientOf(sdk: typeof import('openai'), baseURL: string): OpenAI {
  return new sdk.OpenAI({ baseURL, apiKey: 'sk-test-not-a-real-key', maxRetries: 0 });
}
