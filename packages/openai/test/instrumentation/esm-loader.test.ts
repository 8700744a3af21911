import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type MockOpenAI,
  OTLP_SPAN_KIND,
  type OtlpReceiver,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDKS } from '../support/sdks';
import { sdkInstall } from './sdk-modules';

/*
 * The ESM path, in a child process of the Node running the tests: the application imports the
 * SDK, the `@opentelemetry/instrumentation/hook.mjs` loader (registered with `module.register`
 * in a file given to `--import`) hands it to the instrumentation, and the spans go over OTLP to a
 * loopback receiver. tsx runs the workspace's TypeScript sources in the child.
 */

const FIXTURES = fileURLToPath(new URL('./esm/', import.meta.url));
/** The SDK the application's `import 'openai'` finds. */
const BY_NAME = dirname(createRequire(FIXTURES).resolve('openai'));

let mock: MockOpenAI;
let receiver: OtlpReceiver;

beforeAll(async () => {
  [mock, receiver] = await Promise.all([startMockOpenAI(), startOtlpReceiver()]);
});
afterAll(async () => {
  await Promise.all([mock.close(), receiver.close()]);
});

/** Runs the application; resolves with how it ended: `exit 0`, or the code or signal and stderr. */
function runApp(openaiEntry: string): Promise<string> {
  const args = [
    '--conditions=@threadline/source',
    '--import',
    'tsx',
    '--import',
    './telemetry.mjs',
    './app.mjs',
  ];
  const env = {
    ...process.env,
    OPENAI_ENTRY: openaiEntry,
    OPENAI_BASE_URL: mock.baseURL,
    OTLP_TRACES_URL: receiver.tracesUrl,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: FIXTURES, env }, (error, _stdout, stderr) => {
      resolve(error ? `${error.code ?? error.signal}\n${stderr}` : 'exit 0');
    });
  });
}

describe.each(SDKS)('an imported %s (ESM), never wrapped', (_name, _SDK, major) => {
  it('makes one span per model call, with the scope, over OTLP', async () => {
    mock.reset();
    receiver.reset();
    const install = sdkInstall(major);
    // By name where that finds this major (the way applications import it), else by path.
    expect(await runApp(install.dir === BY_NAME ? '' : install.esmEntry)).toBe('exit 0');
    expect(mock.requests).toHaveLength(4);
    // Each span is its own export request, so they may arrive in any order: order by start.
    const spans = receiver
      .spans()
      .filter((s) => s.scope.name === '@threadline/openai')
      .sort((a, b) => Number(BigInt(a.startTimeUnixNano) - BigInt(b.startTimeUnixNano)));
    expect(
      spans.map((s) => [
        s.name,
        s.kind,
        s.attributes['session.id'],
        s.attributes['gen_ai.request.stream'] ?? false,
      ]),
    ).toEqual([
      ['chat gpt-4o-mini', OTLP_SPAN_KIND.CLIENT, 'esm-1', false],
      ['chat gpt-4o-mini', OTLP_SPAN_KIND.CLIENT, 'esm-1', true],
      ['embeddings text-embedding-3-small', OTLP_SPAN_KIND.CLIENT, 'esm-1', false],
      ['chat gpt-4o-mini', OTLP_SPAN_KIND.CLIENT, 'esm-wrapped', false],
    ]);
    expect(spans[0]!.attributes).toMatchObject({
      'user.id': 'user-1',
      'gen_ai.conversation.id': 'esm-1',
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.finish_reasons': ['stop'],
      'langfuse.observation.type': 'generation',
    });
    expect(spans[1]!.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(receiver.spans()).toHaveLength(4);
  });
});
