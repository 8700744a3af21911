import openaiPackage from '@langchain/openai/package.json';
import { describe, expect, it } from 'vitest';
import { LANGCHAIN_CORE_VERSION } from './support/langchain-version';

describe('the LangChain line under test', () => {
  it('is @langchain/core 0.3 with @langchain/openai 0.6 in langchain-core-0.3, else 1.x', ({
    task,
  }) => {
    if (task.file.projectName === 'langchain-core-0.3') {
      expect(LANGCHAIN_CORE_VERSION).toMatch(/^0\.3\./);
      expect(openaiPackage.version).toMatch(/^0\.6\./);
    } else {
      expect(LANGCHAIN_CORE_VERSION).toMatch(/^1\./);
      expect(openaiPackage.version).toMatch(/^1\./);
    }
  });
});
