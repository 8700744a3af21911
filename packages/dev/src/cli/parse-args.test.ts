import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs, parseDuration } from './parse-args';

describe('parseCliArgs', () => {
  it('gives the defaults for a bare `dev`, which is also what no command means', () => {
    const defaults = {
      kind: 'dev',
      port: 4318,
      uiPort: 4319,
      host: '127.0.0.1',
      allowedHosts: [],
      maxSpans: 100_000,
      maxAgeMs: 0,
      maxBodyBytes: 16 * 1024 * 1024,
      reset: false,
    };
    expect(parseCliArgs(['dev'])).toEqual(defaults);
    // `npx @threadline/dev` runs the bin with no command.
    expect(parseCliArgs([])).toEqual(defaults);
    expect(parseCliArgs(['--port', '5000'])).toEqual({ ...defaults, port: 5000 });
  });

  it('reads every flag', () => {
    expect(
      parseCliArgs([
        'dev',
        '--port',
        '5000',
        '--ui-port=5001',
        '--host',
        '0.0.0.0',
        '--allow-host',
        'devbox.lan',
        '--allow-host=192.168.1.20',
        '--reset',
        '--db',
        'x.db',
        '--prices',
        'p.json',
        '--max-spans',
        '10',
        '--max-age',
        '12h',
        '--max-body',
        '2',
      ]),
    ).toEqual({
      kind: 'dev',
      port: 5000,
      uiPort: 5001,
      host: '0.0.0.0',
      allowedHosts: ['devbox.lan', '192.168.1.20'],
      db: 'x.db',
      prices: 'p.json',
      maxSpans: 10,
      maxAgeMs: 12 * 3_600_000,
      maxBodyBytes: 2 * 1024 * 1024,
      reset: true,
    });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['dev', '-v'])).toEqual({ kind: 'version' });
  });

  it('explains what is wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve'], /unknown command "serve"/],
      [['dev', 'now'], /unknown command "dev now"/],
      [['dev', '--allow-host', 'evil.example/x'], /--allow-host expects a host name/],
      [['dev', '--port', '70000'], /--port expects a whole number/],
      [['dev', '--port', 'abc'], /--port/],
      [['dev', '--port', '4000', '--ui-port', '4000'], /two ports/],
      [['dev', '--max-age', '5 weeks'], /--max-age expects a duration/],
      [['dev', '--max-body', '0'], /at least 1/],
      [['dev', '--db', ''], /--db is empty/],
      [['dev', '--nope'], /nope/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
      expect(() => parseCliArgs(argv)).toThrow(message);
    }
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
  });
});
