import { parseArgs } from 'node:util';

/** What the command line asked for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'dev';
      port: number;
      uiPort: number;
      host: string;
      allowedHosts: string[];
      db?: string;
      prices?: string;
      maxSpans: number;
      maxAgeMs: number;
      maxBodyBytes: number;
      reset: boolean;
    };

/** A command line that cannot be run, with what to fix. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** The help text of `threadline`. */
export const USAGE = `Usage: threadline [dev] [options]

Starts a local OTLP/HTTP receiver and a page that shows your app's sessions,
users and traces as Langfuse would group them.

Options:
  --port <n>        OTLP/HTTP receiver port (default 4318)
  --ui-port <n>     page port (default 4319)
  --host <addr>     interface for both (default 127.0.0.1, this machine only);
                    any other (e.g. 0.0.0.0) requires the token printed at start
  --allow-host <name>
                    another Host name both servers answer to (repeatable);
                    loopback names and the --host address always work
  --db <file>       SQLite store (default: your data folder, threadline/dev.db)
  --reset           empty the store first (spans, scores, bookmarks)
  --prices <file>   JSON prices, USD per 1M tokens, over the bundled price data:
                    { "my-model": { "input": 0.5, "output": 1.5, "cacheRead": 0.05 } }
  --max-spans <n>   keep at most n spans; oldest traces pruned (default 100000, 0: no bound)
  --max-age <t>     prune traces idle longer than t, e.g. 30m, 12h, 7d (default: no bound)
  --max-body <mb>   largest OTLP request in MiB; larger ones get 413 (default 16)
  -h, --help        this text
  -v, --version     the version

Then point your app at it:
  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318
`;

function integer(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new CliUsageError(`${flag} expects a whole number from 0 to ${max}, got "${value}"`);
  }
  return Number(value);
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `12h`, `7d` to milliseconds. */
export function parseDuration(value: string, flag = '--max-age'): number {
  const match = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (!match)
    throw new CliUsageError(`${flag} expects a duration such as 30m, 12h or 7d, got "${value}"`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/**
 * Parses `threadline <command> [options]`.
 *
 * @throws {CliUsageError}
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        'ui-port': { type: 'string' },
        host: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        reset: { type: 'boolean' },
        db: { type: 'string' },
        prices: { type: 'string' },
        'max-spans': { type: 'string' },
        'max-age': { type: 'string' },
        'max-body': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const { values, positionals } = parsed as {
    values: Record<string, string | string[] | boolean | undefined>;
    positionals: string[];
  };
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  // `dev` is the only command, so it may be left out: `npx @threadline/dev` starts it.
  if (positionals.length > 1 || (positionals.length === 1 && positionals[0] !== 'dev')) {
    throw new CliUsageError(
      `unknown command "${positionals.join(' ')}" (the command is: threadline dev)`,
    );
  }
  const str = (name: string) => {
    const value = values[name] as string | undefined;
    if (value !== undefined && value.trim() === '') throw new CliUsageError(`--${name} is empty`);
    return value;
  };
  const port = integer(str('port'), '--port', 4318, 65_535);
  const uiPort = integer(str('ui-port'), '--ui-port', 4319, 65_535);
  if (port === uiPort && port !== 0) {
    throw new CliUsageError(`--port and --ui-port are both ${port}; they need two ports`);
  }
  const maxBodyMiB = integer(str('max-body'), '--max-body', 16, 1024);
  if (maxBodyMiB === 0) throw new CliUsageError('--max-body must be at least 1');
  const maxAge = str('max-age');
  const db = str('db');
  const prices = str('prices');
  const allowedHosts = (values['allow-host'] as string[] | undefined) ?? [];
  for (const name of allowedHosts) {
    if (!/^[\w.:[\]-]+$/.test(name)) {
      throw new CliUsageError(`--allow-host expects a host name or address, got "${name}"`);
    }
  }
  return {
    kind: 'dev',
    port,
    uiPort,
    host: str('host') ?? '127.0.0.1',
    allowedHosts,
    ...(db !== undefined ? { db } : {}),
    ...(prices !== undefined ? { prices } : {}),
    maxSpans: integer(str('max-spans'), '--max-spans', 100_000, Number.MAX_SAFE_INTEGER),
    maxAgeMs: maxAge === undefined ? 0 : parseDuration(maxAge),
    maxBodyBytes: maxBodyMiB * 1024 * 1024,
    reset: values.reset === true,
  };
}
