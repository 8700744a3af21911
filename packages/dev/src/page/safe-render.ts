import { unreadableMarker } from '../view/bounded-value';
import type { SafeHtml } from './html';

/**
 * One row or part of a page, or a marked placeholder when rendering it fails: a value that
 * still breaks something costs its own row, never the page.
 */
export function renderOrMark(
  render: () => SafeHtml,
  placeholder: (reason: string) => SafeHtml,
): SafeHtml {
  try {
    return render();
  } catch (error) {
    return placeholder(unreadableMarker(error));
  }
}
