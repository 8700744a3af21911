// Smoke scripts of the consumer test: one per public package, written the way a user would write
// it, in four dialects from one template: ESM or CommonJS, JavaScript or TypeScript. Each makes
// one traced call against the loopback OpenAI-compatible server of @threadline/testing inside
// propagateAttributes({ sessionId, userId }) and checks the session and user on the spans. A
// smoke exits 0 when all is well, else prints why and exits 1.

/**
 * The packages that have a smoke, by name: the npm packages it needs beside the tarballs, and
 * its body. `ctx` gives the dialect: `t(text)` is `text` in TypeScript and nothing in JavaScript.
 */
export const SMOKES = {
  '@threadline/core': {
    slug: 'core',
    imports: [
      ['@opentelemetry/api', ['trace']],
      ['@opentelemetry/sdk-trace-base', ['InMemorySpanExporter']],
      ['@threadline/core', ['VERSION', 'getActiveAttributes', 'propagateAttributes']],
      ['@threadline/core/node', ['registerThreadline']],
    ],
    body: () => `
  if (VERSION !== EXPECTED_VERSION) fail(\`VERSION is \${VERSION}, expected \${EXPECTED_VERSION}\`);
  const exporter = new InMemorySpanExporter();
  const threadline = registerThreadline({ serviceName: 'consumer-smoke', exporter, batch: false });
  try {
    await propagateAttributes({ sessionId: SESSION, userId: USER }, async () => {
      await pause(); // the scope must survive an await (AsyncLocalStorage context manager)
      const active = getActiveAttributes();
      if (active.sessionId !== SESSION) {
        fail(\`getActiveAttributes().sessionId is \${active.sessionId} after an await\`);
      }
      trace.getTracer('consumer-smoke').startSpan('work').end();
    });
    await threadline.forceFlush();
    const spans = exporter.getFinishedSpans();
    if (spans.length !== 1) fail(\`expected one span, got: \${describe(spans)}\`);
    checkSession(spans, 'registerThreadline');
  } finally {
    await threadline.shutdown();
  }`,
  },

  '@threadline/testing': {
    slug: 'testing',
    imports: [
      ['@opentelemetry/api', ['trace']],
      ['@threadline/core', ['propagateAttributes']],
      ['@threadline/testing', ['VERSION', 'createSpanCapture', 'startMockOpenAI']],
    ],
    body: ({ t }) => `
  if (VERSION !== EXPECTED_VERSION) fail(\`VERSION is \${VERSION}, expected \${EXPECTED_VERSION}\`);
  const server = await startMockOpenAI();
  try {
    server.enqueue({ content: 'pong' });
    const response = await fetch(\`\${server.baseURL}/chat/completions\`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] }),
    });
    if (!response.ok) fail(\`the mock server answered \${response.status}\`);
    const body = (await response.json())${t(' as { choices?: { message?: { content?: string } }[] }')};
    const content = body.choices?.[0]?.message?.content;
    if (content !== 'pong') fail(\`the mock server replied \${JSON.stringify(content)}\`);
  } finally {
    await server.close();
  }
  const capture = createSpanCapture();
  capture.install();
  try {
    await propagateAttributes({ sessionId: SESSION, userId: USER }, async () => {
      await pause();
      trace.getTracer('consumer-smoke').startSpan('work').end();
    });
    const spans = capture.spans();
    if (spans.length !== 1) fail(\`expected one span, got: \${describe(spans)}\`);
    checkSession(spans, 'createSpanCapture');
  } finally {
    await capture.uninstall();
  }`,
  },

  '@threadline/openai': {
    slug: 'openai',
    tracing: true,
    imports: [
      ['openai', ['OpenAI']],
      ['@threadline/openai', ['observeOpenAI']],
    ],
    body: () => `
  const server = await startMockOpenAI();
  try {
    server.enqueue({ content: 'pong' });
    const client = observeOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key' }));
    const completion = await propagateAttributes({ sessionId: SESSION, userId: USER }, () =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'ping' }],
      }),
    );
    const content = completion.choices[0]?.message.content;
    if (content !== 'pong') fail(\`chat.completions.create returned \${JSON.stringify(content)}\`);
  } finally {
    await server.close();
  }
  await provider.forceFlush();
  checkOwnSpans(exporter.getFinishedSpans());`,
  },

  '@threadline/ai-sdk': {
    slug: 'ai-sdk',
    tracing: true,
    imports: [
      ['ai', ['generateText']],
      ['@ai-sdk/openai', ['createOpenAI']],
      ['@threadline/ai-sdk', ['telemetry']],
    ],
    body: () => `
  const server = await startMockOpenAI();
  try {
    server.enqueue({ content: 'pong' });
    const openai = createOpenAI({ baseURL: server.baseURL, apiKey: 'test-key' });
    const result = await propagateAttributes({ sessionId: SESSION, userId: USER }, () =>
      generateText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'ping',
        experimental_telemetry: telemetry(),
      }),
    );
    if (result.text !== 'pong') fail(\`generateText returned \${JSON.stringify(result.text)}\`);
  } finally {
    await server.close();
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  const aiSpans = spans.filter((span) => span.name.startsWith('ai.'));
  if (aiSpans.length === 0) {
    fail(\`no ai.* span: telemetry() did not turn on the AI SDK's telemetry; spans: \${describe(spans)}\`);
  }
  checkSession(aiSpans, 'AI SDK span');`,
  },

  '@threadline/langchain': {
    slug: 'langchain',
    tracing: true,
    imports: [
      ['@langchain/openai', ['ChatOpenAI']],
      ['@langchain/core/callbacks/promises', ['awaitAllCallbacks']],
      ['@threadline/langchain', ['ThreadlineCallbackHandler']],
    ],
    body: () => `
  const server = await startMockOpenAI();
  try {
    server.enqueue({ content: 'pong' });
    const model = new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'test-key',
      configuration: { baseURL: server.baseURL },
    });
    const message = await propagateAttributes({ sessionId: SESSION, userId: USER }, () =>
      model.invoke('ping', { callbacks: [new ThreadlineCallbackHandler()] }),
    );
    if (message.content !== 'pong') fail(\`invoke returned \${JSON.stringify(message.content)}\`);
    await awaitAllCallbacks(); // LangChain may run handlers in the background
  } finally {
    await server.close();
  }
  await provider.forceFlush();
  checkOwnSpans(exporter.getFinishedSpans());`,
  },
};

/** What a tracing smoke imports to set up a provider by hand, as the core README shows. */
const TRACING_IMPORTS = [
  ['@opentelemetry/api', ['context', 'trace']],
  ['@opentelemetry/context-async-hooks', ['AsyncLocalStorageContextManager']],
  [
    '@opentelemetry/sdk-trace-base',
    ['BasicTracerProvider', 'InMemorySpanExporter', 'SimpleSpanProcessor'],
  ],
  ['@threadline/core', ['ThreadlineSpanProcessor', 'propagateAttributes']],
  ['@threadline/testing', ['startMockOpenAI']],
];

const TRACING_SETUP = `
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  spanProcessors: [new ThreadlineSpanProcessor(), new SimpleSpanProcessor(exporter)],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(provider);
`;

function mergeImports(lists) {
  const merged = new Map();
  for (const [from, names] of lists) {
    if (!merged.has(from)) merged.set(from, new Set());
    for (const name of names) merged.get(from).add(name);
  }
  return merged;
}

/**
 * The source of one smoke.
 * @param name the package, a key of SMOKES
 * @param options.module 'esm' | 'cjs'; options.typescript: boolean; options.version: expected
 */
export function smokeSource(name, { module, typescript, version }) {
  const smoke = SMOKES[name];
  const t = (text) => (typescript ? text : '');
  const imports = mergeImports([...(smoke.tracing ? TRACING_IMPORTS : []), ...smoke.imports]);
  const lines = [];
  for (const [from, names] of imports) {
    const list = [...names].join(', ');
    lines.push(
      typescript || module === 'esm'
        ? `import { ${list} } from '${from}';`
        : `const { ${list} } = require('${from}');`,
    );
  }
  if (typescript) {
    lines.push(`import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';`);
  }
  return `// Consumer smoke of ${name} (generated by scripts/release/consumer-test.mjs).
${lines.join('\n')}

const PACKAGE = ${JSON.stringify(name)};
const EXPECTED_VERSION = ${JSON.stringify(version)};
const SESSION = 'consumer-session-1';
const USER = 'consumer-user-1';

class SmokeFailure extends Error {}

function fail(message${t(': string')})${t(': never')} {
  throw new SmokeFailure(message);
}

function pause()${t(': Promise<void>')} {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

function describe(spans${t(': readonly ReadableSpan[]')})${t(': string')} {
  const names = spans.map((s) => \`\${s.name} [\${s.instrumentationScope.name}]\`);
  return names.join(', ') || 'none';
}

function checkSession(spans${t(': readonly ReadableSpan[]')}, what${t(': string')})${t(': void')} {
  for (const span of spans) {
    for (const [key, expected] of [['session.id', SESSION], ['user.id', USER]]) {
      const actual = span.attributes[key${t(' as string')}];
      if (actual !== expected) {
        fail(\`\${what} "\${span.name}" has \${key} \${JSON.stringify(actual)}, expected \${expected}\`);
      }
    }
  }
}

/** The spans this package's tracer made: at least one, stamped version, session and user. */
function checkOwnSpans(spans${t(': readonly ReadableSpan[]')})${t(': void')} {
  const own = spans.filter((span) => span.instrumentationScope.name === PACKAGE);
  if (own.length === 0) fail(\`no span from the tracer "\${PACKAGE}"; spans: \${describe(spans)}\`);
  for (const span of own) {
    const version = span.instrumentationScope.version;
    if (version !== EXPECTED_VERSION) {
      fail(\`tracer version of "\${span.name}" is \${version}, expected \${EXPECTED_VERSION}\`);
    }
  }
  checkSession(own, 'span');
}
${smoke.tracing ? TRACING_SETUP : ''}
async function main()${t(': Promise<void>')} {${smoke.body({ t })}
}

main().then(
  () => process.exit(0),
  (error${t(': unknown')}) => {
    console.error(error instanceof SmokeFailure ? error.message : error);
    process.exit(1);
  },
);
`;
}
