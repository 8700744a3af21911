import { describe, expect, it } from 'vitest';
import { CLIP_CHARS, CLIP_LINES, clipNote, clippedBlock, clipText } from './long-text';

describe('clipText', () => {
  it('keeps a short text whole', () => {
    expect(clipText('hello\nworld')).toEqual({ shown: 'hello\nworld', hidden: 0, length: 11 });
    expect(clipNote(clipText('hello')).value).toBe('');
  });

  it('cuts a long line at the character bound and a tall text at the line bound', () => {
    const wide = 'x'.repeat(5_000_000);
    expect(clipText(wide)).toMatchObject({ hidden: 5_000_000 - CLIP_CHARS, length: 5_000_000 });
    expect(clipText(wide).shown).toHaveLength(CLIP_CHARS);

    const tall = Array.from({ length: 1_000 }, (_, n) => `line ${n}`).join('\n');
    const clip = clipText(tall);
    expect(clip.shown.split('\n')).toHaveLength(CLIP_LINES);
    expect(clip.shown.endsWith(`line ${CLIP_LINES - 1}`)).toBe(true);
    expect(clip.shown.length + clip.hidden).toBe(tall.length);
    expect(clipText(tall, { maxLines: 2 }).shown).toBe('line 0\nline 1');
  });

  it('never splits a character made of two code units', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(10)}`;
    expect(clipText(text, { maxChars: 10 }).shown).toBe('a'.repeat(9));
    expect(clipText(text, { maxChars: 11 }).shown).toBe(`${'a'.repeat(9)}😀`);
  });
});

describe('clippedBlock', () => {
  it('escapes the shown part and links the whole value', () => {
    const block = clippedBlock(`<b>${'x'.repeat(5000)}`, '/traces/t/observations/o/input').value;
    expect(block).toContain('<pre class="content clip-body">&lt;b&gt;xxx');
    expect(block).toContain('4,000 of 5,003 characters shown');
    expect(block).toContain('href="/traces/t/observations/o/input" data-show-all');
    expect(clippedBlock('y'.repeat(5000)).value).not.toContain('data-show-all');
  });
});
