import { afterEach, describe, expect, it } from 'vitest';
import {
  configureThreadline,
  resetThreadlineConfiguration,
} from '../configuration/configure-threadline';
import { MAX_CONTENT_CHARS, maskContent, toContentAttribute } from './content-capture';

const redactEmails = ({ data }: { data: unknown }) =>
  JSON.parse(JSON.stringify(data).replace(/[\w.]+@[\w.]+/g, '[email]'));

describe('toContentAttribute with a mask', () => {
  afterEach(() => resetThreadlineConfiguration());

  it('records content unchanged without a mask, cut to the bound', () => {
    expect(toContentAttribute({ q: 'hi' })).toBe('{"q":"hi"}');
    const long = toContentAttribute('x'.repeat(MAX_CONTENT_CHARS + 10));
    expect(long?.endsWith('…[truncated]')).toBe(true);
  });

  it('applies the configured mask before serialising', () => {
    configureThreadline({ mask: redactEmails });
    expect(toContentAttribute([{ role: 'user', content: 'mail ann@example.com' }])).toBe(
      '[{"role":"user","content":"mail [email]"}]',
    );
  });

  it('drops the content, never throws, when the mask throws', () => {
    configureThreadline({
      mask: () => {
        throw new Error('mask bug');
      },
    });
    expect(toContentAttribute('secret')).toBeUndefined();
    expect(maskContent('secret')).toBeUndefined();
  });

  it('takes an explicit mask over the configured one', () => {
    configureThreadline({ mask: () => 'configured' });
    expect(maskContent('x', ({ data }) => `${data}!`)).toBe('x!');
  });
});
