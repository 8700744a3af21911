import { afterEach, describe, expect, it } from 'vitest';
import { configureThreadline, resetThreadlineConfiguration } from '../index';
import { isMaskConfigured } from './mask-configured';

describe('isMaskConfigured', () => {
  afterEach(() => resetThreadlineConfiguration());

  it('says whether configureThreadline set a mask, as it is now', () => {
    expect(isMaskConfigured()).toBe(false);
    configureThreadline({ mask: ({ data }) => data });
    expect(isMaskConfigured()).toBe(true);
    resetThreadlineConfiguration();
    expect(isMaskConfigured()).toBe(false);
  });
});
