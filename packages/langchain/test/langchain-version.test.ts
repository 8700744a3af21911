import openaiPackage from '@langchain/openai/package.json';
import { describe, expect, it } from 'vitest';
import { HAS_LANGGRAPH, LANGCHAIN_CORE_VERSION } from './support/langchain-version';

/** The lines each vitest project loads: core, openai and langgraph (none in the 0.3 project). */
const LINES: Record<string, readonly [core: RegExp, openai: RegExp, langgraph?: RegExp]> = {
  langchain: [/^1\.2\./, /^1\.5\./, /^1\.4\./],
  'langchain-core-0.3': [/^0\.3\./, /^0\.6\./],
  'langchain-core-1.4': [/^1\.4\./, /^1\.6\./, /^1\.7\./],
};

describe('the LangChain line under test', () => {
  it('is the @langchain/core, @langchain/openai and @langchain/langgraph its project names', async ({
    task,
  }) => {
    const project = task.file.projectName ?? '';
    expect(Object.keys(LINES)).toContain(project);
    const [core, openai, langgraph] = LINES[project]!;
    expect(LANGCHAIN_CORE_VERSION).toMatch(core);
    expect(openaiPackage.version).toMatch(openai);
    expect(HAS_LANGGRAPH).toBe(langgraph !== undefined);
    if (langgraph) {
      const graphPackage = await import('@langchain/langgraph/package.json');
      expect(graphPackage.version ?? graphPackage.default.version).toMatch(langgraph);
    }
  });
});
