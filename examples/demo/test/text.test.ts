import { describe, expect, it } from 'vitest';
import { formatDuration, messageText, truncate, wrap } from '../src/replay/text';

describe('replay text', () => {
  it('finds the last user message and the assistant reply in each framework’s shape', () => {
    const openai = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'reply' },
      { role: 'user', content: 'Where is it?' },
    ];
    expect(messageText(JSON.stringify(openai), 'user')).toBe('Where is it?');
    const aiSdk = {
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Why late?' }] }],
    };
    expect(messageText(JSON.stringify(aiSdk), 'user')).toBe('Why late?');
    const langchain = [
      {
        lc: 1,
        type: 'constructor',
        id: ['langchain_core', 'messages', 'HumanMessage'],
        kwargs: { content: 'A person, please.' },
      },
    ];
    expect(messageText(langchain, 'user')).toBe('A person, please.');
    expect(
      messageText(
        { choices: [{ message: { role: 'assistant', content: 'On its way.' } }] },
        'assistant',
      ),
    ).toBe('On its way.');
    expect(messageText('plain  text\n here', 'assistant')).toBe('plain text here');
    expect(messageText(undefined, 'user')).toBe('');
  });

  it('wraps at word boundaries, keeps to the width and marks what it left out', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    const lines = wrap('a '.repeat(100), 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    for (const line of wrap('x'.repeat(30), 10)) expect(line.length).toBeLessThanOrEqual(10);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('formats durations short', () => {
    expect(formatDuration(0.42)).toBe('0.4 ms');
    expect(formatDuration(35.4)).toBe('35 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
  });
});
