import { formatCount } from './format';
import { html, type SafeHtml } from './html';

/** Characters of a long value shown before "Show all". */
export const CLIP_CHARS = 4_000;
/** Lines of a long value shown before "Show all". */
export const CLIP_LINES = 80;

/** The start of a text, short enough for a page, and what was left out. */
export interface ClippedText {
  /** The text, or its start. */
  shown: string;
  /** Characters left out; 0 when the whole text is shown. */
  hidden: number;
  /** Characters in the whole text. */
  length: number;
}

/** Options of {@link clipText}. */
export interface ClipOptions {
  maxChars?: number;
  maxLines?: number;
}

/** The first `maxChars` characters or `maxLines` lines of `text`, whichever is shorter. */
export function clipText(
  text: string,
  { maxChars = CLIP_CHARS, maxLines = CLIP_LINES }: ClipOptions = {},
): ClippedText {
  let end = Math.min(text.length, maxChars);
  // Counting newlines stops at the limit, so a 5 MB value costs no more than a short one.
  let at = -1;
  for (let line = 0; line < maxLines; line++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1 || at >= end) break;
    if (line === maxLines - 1) end = at;
  }
  // Never cut a surrogate pair in half.
  const code = text.charCodeAt(end - 1);
  if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { shown: text.slice(0, end), hidden: text.length - end, length: text.length };
}

/**
 * The note under a clipped value: how much is shown, and a "Show all" link to the whole value
 * as plain text. The page script loads it into the enclosing `.clip` element's `.clip-body` in
 * place; without the script the link opens the text. No `fullUrl` (an exported file): only
 * the count.
 */
export function clipNote(clip: ClippedText, fullUrl?: string): SafeHtml {
  if (clip.hidden === 0) return html``;
  const counts = `${formatCount(clip.length - clip.hidden)} of ${formatCount(clip.length)} characters shown`;
  return html`<p class="clip-note">${counts}${
    fullUrl
      ? html` · <a href="${fullUrl}" data-show-all target="_blank" rel="noopener">Show all</a>`
      : ''
  }</p>`;
}

/** A long value in a `<pre>`: its start, and a note with "Show all" when it was clipped. */
export function clippedBlock(text: string, fullUrl?: string, options?: ClipOptions): SafeHtml {
  const clip = clipText(text, options);
  return html`<div class="clip"><pre class="content clip-body">${clip.shown}${clip.hidden > 0 ? '…' : ''}</pre>${clipNote(clip, fullUrl)}</div>`;
}
