import { DiagConsoleLogger, type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';

/** How much `registerThreadline` prints (OpenTelemetry's log levels, and `threadline`). */
export type LogLevel =
  | 'none'
  | 'threadline'
  | 'error'
  | 'warn'
  | 'info'
  | 'debug'
  | 'verbose'
  | 'all';

const LEVELS: Record<Exclude<LogLevel, 'threadline'>, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * The level asked for: the option, else `OTEL_LOG_LEVEL` (as the OpenTelemetry SDKs read it),
 * else `'threadline'`: Threadline's own warnings and errors only, so a dropped session id is
 * visible without every OpenTelemetry debug line.
 */
export function logLevelOf(option: unknown): LogLevel {
  if (typeof option === 'string' && (option === 'threadline' || option in LEVELS)) {
    return option as LogLevel;
  }
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.OTEL_LOG_LEVEL;
  const fromEnv = env?.trim().toLowerCase();
  if (fromEnv && fromEnv in LEVELS) return fromEnv as LogLevel;
  return 'threadline';
}

/**
 * Console output of every error (a failed export is one: the SDK reports it through `diag`)
 * and of Threadline's own warnings (they start with `threadline:`), nothing else.
 */
function threadlineOnly(target: DiagLogger): DiagLogger {
  const own =
    (write: (message: string, ...args: unknown[]) => void) =>
    (message: string, ...args: unknown[]) => {
      if (typeof message === 'string' && message.startsWith('threadline')) write(message, ...args);
    };
  const ignore = () => {};
  return {
    error: target.error.bind(target),
    warn: own(target.warn.bind(target)),
    info: ignore,
    debug: ignore,
    verbose: ignore,
  };
}

/**
 * Sends OpenTelemetry's `diag` to the console at `level`. Replaces a logger set before; an
 * application with its own logger passes `logLevel: 'none'` here and calls `diag.setLogger`.
 */
export function installDiagLogger(
  level: LogLevel,
  console: DiagLogger = new DiagConsoleLogger(),
): void {
  if (level === 'none') return;
  if (level === 'threadline') {
    diag.setLogger(threadlineOnly(console), {
      logLevel: DiagLogLevel.WARN,
      suppressOverrideMessage: true,
    });
  } else {
    diag.setLogger(console, { logLevel: LEVELS[level], suppressOverrideMessage: true });
  }
}
