import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();

describe('the OpenAI SDK majors under test', () => {
  it('are openai 7 in the openai-7 project, else openai 6 and openai 5', ({ task }) => {
    const majors = SDKS.map(([, , major]) => major);
    expect(majors).toEqual(task.file.projectName === 'openai-7' ? [7] : [6, 5]);
  });

  it.each(SDKS)('%s is the client that makes the requests', async (name, SDK) => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    await client.embeddings.create({ model: 'text-embedding-3-small', input: 'which SDK?' });
    // The SDK names its own version on every request.
    expect(h.mock.requests[0]!.headers['user-agent']).toBe(name.replace('openai ', 'OpenAI/JS '));
    expect(h.onlySpan().name).toBe('embeddings text-embedding-3-small');
  });
});
