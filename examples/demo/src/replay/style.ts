/** ANSI styles, or identity functions when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) =>
  `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/** Styles for a terminal: colour only when `enabled` (a TTY, and NO_COLOR unset). */
export function createStyle(enabled: boolean): Style {
  if (!enabled)
    return { bold: plain, dim: plain, green: plain, red: plain, cyan: plain, yellow: plain };
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    green: ansi(32, 39),
    red: ansi(31, 39),
    cyan: ansi(36, 39),
    yellow: ansi(33, 39),
  };
}

/** Whether to colour: the stream is a TTY and NO_COLOR is unset (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>) {
  return stream.isTTY === true && !env.NO_COLOR;
}
