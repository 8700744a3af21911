import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/* The real binary in a child process: it prints where to send spans, serves, and stops cleanly. */

const CLI = join(import.meta.dirname, '..', 'cli.ts');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-cli-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--conditions=@threadline/source', '--import', 'tsx', CLI, ...args],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, out: () => out, err: () => err };
}

describe('threadline', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints the endpoint and the page, serves, and stops on %s',
    async (signal) => {
      const run = start([
        'dev',
        '--port',
        '0',
        '--ui-port',
        '0',
        '--db',
        join(dir, `${signal}.db`),
      ]);
      await expect.poll(() => run.out(), { timeout: 20_000 }).toContain('Ctrl+C to stop.');
      const endpoint = /OTEL_EXPORTER_OTLP_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+)/.exec(
        run.out(),
      )![1]!;
      const page = /Page\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(run.out())![1]!;
      expect(run.out()).toContain(`${endpoint}/v1/traces`);
      expect((await fetch(page)).status).toBe(200);
      expect(
        (
          await fetch(`${endpoint}/v1/traces`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(200);
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.out()).toContain(`${signal}: stopping threadline dev`);
    },
  );

  it('with --host 0.0.0.0 prints the token with the page and the exporter header; --reset empties the store', async () => {
    const db = join(dir, 'exposed.db');
    const run = start([
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--ui-port',
      '0',
      '--db',
      db,
      '--reset',
    ]);
    await expect.poll(() => run.out(), { timeout: 20_000 }).toContain('Ctrl+C to stop.');
    const page = /Page\s+(http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(run.out());
    expect(page).not.toBeNull();
    const [, pageUrl, token] = page!;
    const endpoint = /OTEL_EXPORTER_OTLP_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+)/.exec(run.out())![1]!;
    expect(run.out()).toContain(`OTEL_EXPORTER_OTLP_HEADERS=x-threadline-token=${token}`);
    expect(run.out()).toContain('(emptied, 0 spans');
    const otlp = (headers: Record<string, string>) =>
      fetch(`${endpoint}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    expect((await otlp({})).status).toBe(401);
    expect((await otlp({ 'x-threadline-token': token! })).status).toBe(200);
    expect((await fetch(pageUrl!)).status).toBe(401);
    const login = await fetch(`${pageUrl}/?token=${token}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toContain('HttpOnly; SameSite=Strict');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('exits 2 with the reason on a bad command line', async () => {
    const run = start(['dev', '--port', 'many']);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain('--port expects a whole number');
  });

  it('exits 1 with the reason when the price file is broken', async () => {
    const run = start([
      'dev',
      '--port',
      '0',
      '--ui-port',
      '0',
      '--db',
      ':memory:',
      '--prices',
      join(dir, 'none.json'),
    ]);
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain('none.json');
  });
});
