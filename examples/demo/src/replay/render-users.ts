import type { LangfuseUser } from '@threadline/testing';
import type { Style } from './style';
import { truncate } from './text';

const COLUMNS = [
  ['traces', 8],
  ['observations', 14],
  ['tokens', 9],
  ['errors', 8],
] as const;

/**
 * The users table: per user, the traces, observations, tokens and errors that carry the user
 * themselves (Langfuse counts per observation, so a span that lost its user is missing here).
 */
export function renderUsers(users: readonly LangfuseUser[], width: number, style: Style): string[] {
  const numbersWidth = COLUMNS.reduce((sum, [, w]) => sum + w, 0);
  const idWidth = Math.max(8, width - 2 - numbersWidth);
  const header = `  ${'user'.padEnd(idWidth)}${COLUMNS.map(([name, w]) => name.padStart(w)).join('')}`;
  const rows = users.map((user) => {
    const values = [user.traces, user.observations, user.totalTokens, user.errors];
    const cells = COLUMNS.map(([, w], n) => String(values[n]).padStart(w)).join('');
    return `  ${truncate(user.id, idWidth).padEnd(idWidth)}${user.errors > 0 ? style.red(cells) : cells}`;
  });
  return [style.bold('Users'), style.dim(header), ...(rows.length > 0 ? rows : ['  (none)'])];
}
