import { resolve } from 'node:path';
import { loadPrices } from '../prices/load-prices';
import { TOKEN_HEADER, TOKEN_PARAM } from '../server/request-guard';
import { type DevServer, startDevServer } from '../server/start-dev-server';
import { defaultDbPath } from '../store/default-db-path';
import { PACKAGE_VERSION } from '../version';
import { CliUsageError, parseCliArgs, USAGE } from './parse-args';

/** Options of {@link runCli}; the defaults are this process's. */
export interface RunCliOptions {
  argv?: readonly string[];
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Stop on these signals. */
  signals?: readonly NodeJS.Signals[];
}

/**
 * Runs `threadline` with these arguments. Resolves with the exit code once the command is done:
 * for `dev`, after SIGINT or SIGTERM has closed the servers and the store.
 */
export async function runCli({
  argv = process.argv.slice(2),
  out = (line) => process.stdout.write(`${line}\n`),
  err = (line) => process.stderr.write(`${line}\n`),
  signals = ['SIGINT', 'SIGTERM'],
}: RunCliOptions = {}): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    err(`threadline: ${error.message}`);
    err('Run `threadline --help` for the options.');
    return 2;
  }
  if (command.kind === 'help') {
    out(USAGE);
    return 0;
  }
  if (command.kind === 'version') {
    out(PACKAGE_VERSION);
    return 0;
  }

  let server: DevServer;
  try {
    server = await startDevServer({
      port: command.port,
      uiPort: command.uiPort,
      host: command.host,
      allowedHosts: command.allowedHosts,
      reset: command.reset,
      db: command.db ? resolve(command.db) : defaultDbPath(),
      ...(command.prices ? { prices: loadPrices(resolve(command.prices)) } : {}),
      maxSpans: command.maxSpans,
      maxAgeMs: command.maxAgeMs,
      maxBodyBytes: command.maxBodyBytes,
    });
  } catch (error) {
    err(`threadline: ${(error as Error).message}`);
    return 1;
  }

  const token = server.token;
  out(`threadline dev ${PACKAGE_VERSION}`);
  out('');
  out(`  Page           ${server.uiUrl}${token ? `/?${TOKEN_PARAM}=${token}` : ''}`);
  out(`  OTLP receiver  ${server.tracesUrl}  (JSON and protobuf)`);
  out(
    `  Store          ${server.dbPath}  (${command.reset ? 'emptied, ' : ''}${server.spanCount()} spans${command.maxSpans > 0 ? `, keeps the newest ${command.maxSpans}` : ''})`,
  );
  if (token) {
    out('');
    out(`Listening on ${command.host}: every request needs the token. Open the page address`);
    out('above (it keeps the token in a cookie); from another machine use this machine’s name or');
    out('address in it, allowed with --allow-host if it is a name.');
  }
  out('');
  out('Send your app’s spans here:');
  out(`  OTEL_EXPORTER_OTLP_ENDPOINT=${server.otlpUrl}`);
  if (token) out(`  OTEL_EXPORTER_OTLP_HEADERS=${TOKEN_HEADER}=${token}`);
  out('');
  out('Ctrl+C to stop.');

  return new Promise<number>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, stop);
      out(`\n${signal}: stopping threadline dev`);
      server.close().then(
        () => done(0),
        (error: unknown) => {
          err(`threadline: ${String(error)}`);
          done(1);
        },
      );
    };
    for (const s of signals) process.on(s, stop);
  });
}
