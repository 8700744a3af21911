// The loopback servers the release tests point consumer projects at: the OpenAI-compatible
// server and OTLP/HTTP receivers of the packed @threadline/testing, run in a project of their
// own (installed from the tarballs as its README says), so the projects under test hold exactly
// what their users would install (an OpenTelemetry SDK 3 project cannot hold @threadline/testing,
// whose peers are SDK 2). One process serves every project of a run.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { run, tail } from './lib.mjs';

/** What the harness project installs: the testing README's line, with the SDK 2 API pinned. */
const HARNESS_INSTALL = [
  '@threadline/testing',
  '@threadline/core',
  '@opentelemetry/api@1.9',
  '@opentelemetry/sdk-trace-base@2',
];

// The harness program. The model uses the tools it is offered: its first answer calls the first
// function tool (arguments sampled from its schema), its answer after a tool result is the
// server's default reply (an echo), so a tool loop runs to its end with nothing scripted.
// The control server adds a receiver per caller: GET /receiver makes one, GET <id>/spans reads
// it, DELETE <id> closes it.
const HARNESS_SOURCE = `import { createServer } from 'node:http';
import { sampleFromSchema, startMockOpenAI, startOtlpReceiver } from '@threadline/testing';

function respond({ path, body }) {
  const tools = Array.isArray(body?.tools) ? body.tools : [];
  const tool = tools.map((t) => t?.function ?? t).find((t) => typeof t?.name === 'string');
  if (!tool) return {};
  const answered = path.endsWith('/responses')
    ? (Array.isArray(body.input) ? body.input : []).some((i) => i?.type === 'function_call_output')
    : (Array.isArray(body.messages) ? body.messages : []).some((m) => m?.role === 'tool');
  if (answered) return {};
  return { toolCalls: [{ name: tool.name, arguments: sampleFromSchema(tool.parameters ?? {}) }] };
}

const openai = await startMockOpenAI({ respond });
const receivers = new Map();
let next = 0;
const control = createServer(async (req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  try {
    const [, id, what] = new URL(req.url, 'http://x').pathname.split('/');
    if (req.method === 'GET' && id === 'receiver') {
      const receiver = await startOtlpReceiver();
      const key = String(++next);
      receivers.set(key, receiver);
      return send(200, { id: key, url: receiver.url });
    }
    const receiver = receivers.get(id);
    if (!receiver) return send(404, { error: 'no such receiver' });
    if (req.method === 'GET' && what === 'spans') return send(200, receiver.spans());
    if (req.method === 'DELETE') {
      receivers.delete(id);
      await receiver.close();
      return send(200, {});
    }
    send(405, { error: 'method not allowed' });
  } catch (error) {
    send(500, { error: String(error) });
  }
});
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({
  openaiBaseURL: openai.baseURL,
  controlURL: \`http://127.0.0.1:\${control.address().port}\`,
}));
// Lives as long as the test that started it holds its stdin open.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

/**
 * Installs the harness into `dir` (its `.npmrc` points the `@threadline` scope at
 * `registryUrl`, a tarball registry) and starts it. Resolves to
 * { openaiBaseURL, receiver(), close() }; `receiver()` resolves to { url, spans(), close() },
 * a fresh OTLP/HTTP receiver (`url` is what OTEL_EXPORTER_OTLP_ENDPOINT takes).
 */
export async function startLoopbackServers({ dir, registryUrl }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'threadline-loopback-servers', private: true, type: 'module' })}\n`,
  );
  writeFileSync(join(dir, '.npmrc'), `@threadline:registry=${registryUrl}\n`);
  writeFileSync(join(dir, 'harness.mjs'), HARNESS_SOURCE);
  const install = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...HARNESS_INSTALL],
    { cwd: dir, timeoutMs: 5 * 60_000 },
  );
  if (install.code !== 0) {
    throw new Error(`installing the loopback servers failed:\n${tail(install.stderr, 20)}`);
  }

  const child = spawn(process.execPath, ['harness.mjs'], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the loopback servers exited (${code})`)));
  });
  const { openaiBaseURL, controlURL } = JSON.parse(first);
  const call = async (path, method = 'GET') => {
    const response = await fetch(`${controlURL}${path}`, { method });
    const body = await response.json();
    if (!response.ok) throw new Error(`loopback servers: ${method} ${path}: ${body.error}`);
    return body;
  };
  return {
    openaiBaseURL,
    async receiver() {
      const { id, url } = await call('/receiver');
      return {
        url,
        spans: () => call(`/${id}/spans`),
        close: () => call(`/${id}`, 'DELETE'),
      };
    },
    close() {
      child.stdin.end();
      return new Promise((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
    },
  };
}
