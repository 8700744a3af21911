import { trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { createSpanCapture } from '@threadline/testing';
import { afterAll, expect, it } from 'vitest';
import { ThreadlineOpenAIInstrumentation } from '../../src/instrumentation/index';
import { useHarness } from '../support/harness';
import { SDKS } from '../support/sdks';
import { requiredClientOf, sdkInstall } from './sdk-modules';

/*
 * One instrumentation for the whole file, registered before the SDKs are first required: Node's
 * require hook hands a module only to the instrumentations registered when it first sees it.
 */

const h = useHarness();
const installs = SDKS.map(([, , major]) => sdkInstall(major));
const instrumentation = new ThreadlineOpenAIInstrumentation({ enabled: false });
let sdks: Array<typeof import('openai')> = [];
let unregister: (() => void) | undefined;

afterAll(() => unregister?.());

const METHODS = [
  ['Chat.Completions', 'create'],
  ['Chat.Completions', 'parse'],
  ['Responses', 'create'],
  ['Embeddings', 'create'],
  ['Completions', 'create'],
] as const;

/** Every prototype method the instrumentation patches, as the SDK module holds it now. */
function instrumentedMethods(sdk: typeof import('openai')): unknown[] {
  const { OpenAI } = sdk;
  const classes: Record<(typeof METHODS)[number][0], { prototype: object }> = {
    'Chat.Completions': OpenAI.Chat.Completions,
    Responses: OpenAI.Responses,
    Embeddings: OpenAI.Embeddings,
    Completions: OpenAI.Completions,
  };
  return METHODS.map(
    ([owner, name]) => (classes[owner].prototype as Record<string, unknown>)[name],
  );
}

/** Whether each method is the SDK's own: a class method's source starts with its name. */
function ownership(sdk: typeof import('openai')): string[] {
  return instrumentedMethods(sdk).map((method, i) =>
    String(method).startsWith(`${METHODS[i]![1]}(`) ? 'sdk' : 'patched',
  );
}

const ALL_SDK = METHODS.map(() => 'sdk');
const ALL_PATCHED = METHODS.map(() => 'patched');

const EMBEDDING = { model: 'text-embedding-3-small', input: 'x' };

/** One embeddings call of each major; the number of spans it made. */
async function callEach(): Promise<number> {
  h.capture.reset();
  for (const sdk of sdks) {
    await requiredClientOf(sdk, h.mock.baseURL).embeddings.create(EMBEDDING);
  }
  return h.spans().length;
}

it('created disabled, registerInstrumentations enables it; every major required is patched', async () => {
  expect(instrumentation.isEnabled()).toBe(false);
  unregister = registerInstrumentations({ instrumentations: [instrumentation] });
  expect(instrumentation.isEnabled()).toBe(true);
  sdks = installs.map((install) => install.require());
  for (const sdk of sdks) expect(ownership(sdk)).toEqual(ALL_PATCHED);
  expect(await callEach()).toBe(sdks.length);
});

it('disable() puts back the methods of every major; enable() patches them again', async () => {
  instrumentation.disable();
  for (const sdk of sdks) expect(ownership(sdk)).toEqual(ALL_SDK);
  const originals = sdks.map(instrumentedMethods);
  expect(await callEach()).toBe(0);

  instrumentation.enable();
  for (const sdk of sdks) expect(ownership(sdk)).toEqual(ALL_PATCHED);
  expect(await callEach()).toBe(sdks.length);
  // Twice is once: still one span per call.
  instrumentation.enable();
  expect(await callEach()).toBe(sdks.length);

  instrumentation.disable();
  expect(sdks.map(instrumentedMethods)).toStrictEqual(originals);
  expect(await callEach()).toBe(0);
  instrumentation.enable();
});

it('setConfig applies to the next call: captureContent', async () => {
  try {
    instrumentation.setConfig({ captureContent: false });
    await callEach();
    expect(h.spans().map((s) => s.attributes['langfuse.observation.input'])).toEqual(
      sdks.map(() => undefined),
    );
  } finally {
    instrumentation.setConfig({});
  }
  await callEach();
  expect(h.spans().map((s) => s.attributes['langfuse.observation.input'])).toEqual(
    sdks.map(() => 'x'),
  );
});

it('its spans go to the tracer provider it is given, else to the global one', async () => {
  const own = createSpanCapture();
  try {
    instrumentation.setTracerProvider(own.provider);
    expect(await callEach()).toBe(0);
    expect(own.spans().map((s) => s.instrumentationScope.name)).toEqual(
      sdks.map(() => '@threadline/openai'),
    );
  } finally {
    instrumentation.setTracerProvider(trace.getTracerProvider());
    await own.provider.shutdown();
  }
  expect(await callEach()).toBe(sdks.length);
});
