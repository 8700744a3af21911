// Smoke scripts of the consumer test: one per public package, written the way a user would write
// it, in four dialects from one template: ESM or CommonJS, JavaScript or TypeScript, and for the
// APIs of a version set (its OpenTelemetry SDK and AI SDK majors, matrix.mjs SET_PROFILES). Each
// makes traced calls against the loopback OpenAI-compatible server of @threadline/testing (run
// beside the project, its URL in SMOKE_OPENAI_BASE_URL; it calls the first tool it is offered,
// then echoes) inside propagateAttributes({ sessionId, userId }) and checks the session and user
// on the spans. A smoke exits 0 when all is well, else prints why and exits 1.

/**
 * The packages that have a smoke, by name: the npm packages it imports beside the tarballs, and
 * its body; each may depend on the set's profile. `ctx` gives the dialect and the profile:
 * `t(text)` is `text` in TypeScript and nothing in JavaScript. `skip(profile)` names why a set
 * cannot run the smoke (the package is then not installed into that set).
 */
export const SMOKES = {
  '@threadline/core': {
    slug: 'core',
    imports: (profile) => [
      ['@opentelemetry/api', ['trace']],
      [sdkPackage(profile), ['InMemorySpanExporter']],
      ['@threadline/core', ['VERSION', 'getActiveAttributes', 'propagateAttributes']],
      ['@threadline/core/node', ['registerThreadline']],
    ],
    body: ({ profile }) => `
  if (VERSION !== EXPECTED_VERSION) fail(\`VERSION is \${VERSION}, expected \${EXPECTED_VERSION}\`);
  const exporter = new InMemorySpanExporter();
  const threadline = registerThreadline({ serviceName: 'consumer-smoke', exporter, batch: false });
  // It builds on the SDK the project installed, which differs between the sets.
  if (threadline.sdk.packageName !== '${sdkPackage(profile)}') {
    fail(\`registerThreadline built on \${threadline.sdk.packageName}@\${threadline.sdk.version}\`);
  }
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
    skip: (profile) =>
      profile.otelSdk === 3 &&
      'its peer @opentelemetry/sdk-trace-base 2 accepts no @opentelemetry/api 1.10 (npm: ERESOLVE)',
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
  const client = observeOpenAI(new OpenAI({ baseURL: BASE_URL, apiKey: 'test-key' }));
  const completion = await propagateAttributes({ sessionId: SESSION, userId: USER }, () =>
    client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'ping' }],
    }),
  );
  const content = completion.choices[0]?.message.content;
  if (content !== 'Echo: ping') fail(\`chat.completions.create returned \${JSON.stringify(content)}\`);
  await provider.forceFlush();
  checkOwnSpans(exporter.getFinishedSpans());`,
  },

  '@threadline/ai-sdk': {
    slug: 'ai-sdk',
    tracing: true,
    imports: (profile) => [
      ['ai', ['generateText', 'stepCountIs', 'tool']],
      ['@ai-sdk/openai', ['createOpenAI']],
      profile.ai >= 7
        ? ['@threadline/ai-sdk/otel', ['registerThreadlineTelemetry', 'telemetry']]
        : ['@threadline/ai-sdk', ['telemetry']],
      ['zod', ['z']],
    ],
    // A tool loop (a tool call, then the answer): every span of the AI SDK, the tool call's and
    // the tool's own included, must carry the scope's session; then a call outside any scope
    // whose session comes from telemetry({ sessionId }). ai 7 takes the registered integration
    // for the first call and the per-call settings (its `telemetry` option) for the second; ai
    // 5/6 take `experimental_telemetry: telemetry()` for both.
    body: ({ profile, t }) => {
      const ai7 = profile.ai >= 7;
      const expected = ai7
        ? ['invoke_agent ', 'step ', 'chat ', 'execute_tool lookupOrder', 'order-lookup']
        : ['ai.generateText', 'ai.generateText.doGenerate', 'ai.toolCall', 'order-lookup'];
      const settingsType = t(': ReturnType<typeof telemetry>');
      return `${ai7 ? '\n  registerThreadlineTelemetry();' : ''}
  const openai = createOpenAI({ baseURL: BASE_URL, apiKey: 'test-key' });
  const lookupOrder = tool({
    description: 'Looks an order up',
    inputSchema: z.object({ orderId: z.string() }),
    execute: async ({ orderId }) => {
      trace.getTracer('consumer-smoke').startSpan('order-lookup').end(); // the tool's own work
      return { orderId, status: 'shipped' };
    },
  });
  const ask = (settings${ai7 ? t('?') : ''}${settingsType}) =>
    generateText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'Where is my order?',
      tools: { lookupOrder },
      stopWhen: stepCountIs(3),
      ${ai7 ? '...(settings ? { telemetry: settings } : {}),' : 'experimental_telemetry: settings,'}
    });
  const result = await propagateAttributes({ sessionId: SESSION, userId: USER }, () =>
    ask(${ai7 ? '' : 'telemetry()'}),
  );
  if (result.steps.length !== 2) {
    fail(\`expected a tool call, then the answer; got \${result.steps.length} step(s)\`);
  }
  if (result.text !== 'Echo: Where is my order?') {
    fail(\`generateText returned \${JSON.stringify(result.text)}\`);
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  for (const name of ${JSON.stringify(expected)}) {
    if (!spans.some((span) => span.name.startsWith(name))) {
      fail(\`no "\${name}" span; spans: \${describe(spans)}\`);
    }
  }
  checkSession(spans, 'span');

  exporter.reset();
  await ask(telemetry({ sessionId: 'consumer-session-2', userId: USER }));
  await provider.forceFlush();
  const perCall = exporter.getFinishedSpans();
  if (!perCall.some((span) => span.name.startsWith(${JSON.stringify(expected[3])}))) {
    fail(\`telemetry({ sessionId }) outside a scope: spans \${describe(perCall)}\`);
  }
  checkSession(perCall, 'telemetry({ sessionId }) span', 'consumer-session-2');`;
    },
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
  const model = new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'test-key',
    configuration: { baseURL: BASE_URL },
  });
  const message = await propagateAttributes({ sessionId: SESSION, userId: USER }, () =>
    model.invoke('ping', { callbacks: [new ThreadlineCallbackHandler()] }),
  );
  if (message.content !== 'Echo: ping') fail(\`invoke returned \${JSON.stringify(message.content)}\`);
  await awaitAllCallbacks(); // LangChain may run handlers in the background
  await provider.forceFlush();
  checkOwnSpans(exporter.getFinishedSpans());`,
  },
};

/** The trace SDK package of a profile: SDK 3 is one package, SDK 2's base is sdk-trace-base. */
export function sdkPackage(profile) {
  return profile.otelSdk >= 3 ? '@opentelemetry/sdk-trace' : '@opentelemetry/sdk-trace-base';
}

/** What a tracing smoke imports to set up a provider by hand, as the core README shows. */
function tracingImports(profile) {
  const provider = profile.otelSdk >= 3 ? 'TracerProvider' : 'BasicTracerProvider';
  return [
    ['@opentelemetry/api', ['context', 'trace']],
    ['@opentelemetry/context-async-hooks', ['AsyncLocalStorageContextManager']],
    [sdkPackage(profile), [provider, 'InMemorySpanExporter', 'SimpleSpanProcessor']],
    ['@threadline/core', ['ThreadlineSpanProcessor', 'propagateAttributes']],
  ];
}

/** SDK 3 renamed the provider and takes a processor's exporter as an option. */
function tracingSetup(profile) {
  const sdk3 = profile.otelSdk >= 3;
  return `
const exporter = new InMemorySpanExporter();
const provider = new ${sdk3 ? 'TracerProvider' : 'BasicTracerProvider'}({
  spanProcessors: [new ThreadlineSpanProcessor(), new SimpleSpanProcessor(${sdk3 ? '{ exporter }' : 'exporter'})],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(provider);
// The OpenAI-compatible server of @threadline/testing that consumer-test runs beside the project.
const BASE_URL = process.env.SMOKE_OPENAI_BASE_URL ?? '';
`;
}

function mergeImports(lists) {
  const merged = new Map();
  for (const [from, names] of lists) {
    if (!merged.has(from)) merged.set(from, new Set());
    for (const name of names) merged.get(from).add(name);
  }
  return merged;
}

/** Why a set cannot run a package's smoke, or undefined when it can. */
export function smokeSkipped(name, profile) {
  return SMOKES[name].skip?.(profile) || undefined;
}

/**
 * The source of one smoke.
 * @param name the package, a key of SMOKES
 * @param options.module 'esm' | 'cjs'; options.typescript: boolean; options.version: expected;
 *   options.profile: the set's profile (matrix.mjs SET_PROFILES)
 */
export function smokeSource(name, { module, typescript, version, profile }) {
  const smoke = SMOKES[name];
  const t = (text) => (typescript ? text : '');
  const own = typeof smoke.imports === 'function' ? smoke.imports(profile) : smoke.imports;
  const imports = mergeImports([...(smoke.tracing ? tracingImports(profile) : []), ...own]);
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
    lines.push(`import type { ReadableSpan } from '${sdkPackage(profile)}';`);
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

function checkSession(
  spans${t(': readonly ReadableSpan[]')},
  what${t(': string')},
  session = SESSION,
)${t(': void')} {
  for (const span of spans) {
    for (const [key, expected] of [['session.id', session], ['user.id', USER]]) {
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
${smoke.tracing ? tracingSetup(profile) : ''}
async function main()${t(': Promise<void>')} {${smoke.tracing ? "\n  if (!BASE_URL) fail('SMOKE_OPENAI_BASE_URL is not set');" : ''}${smoke.body({ t, profile })}
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
