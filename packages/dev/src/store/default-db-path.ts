import { homedir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link defaultDbPath}; the defaults are this process's. */
export interface DefaultDbPathOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  home?: string;
}

/**
 * Where `threadline dev` keeps its store when `--db` is not given: the user's data folder, so one
 * receiver on port 4318 keeps one history whatever folder it was started from.
 * Linux and others: `$XDG_DATA_HOME/threadline/dev.db` (else `~/.local/share/…`); macOS:
 * `~/Library/Application Support/threadline/dev.db`; Windows: `%LOCALAPPDATA%\threadline\dev.db`.
 */
export function defaultDbPath({
  platform = process.platform,
  env = process.env,
  home = homedir(),
}: DefaultDbPathOptions = {}): string {
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'threadline', 'dev.db');
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', 'threadline', 'dev.db');
  }
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME?.startsWith('/') ? env.XDG_DATA_HOME : undefined;
  return join(xdg ?? join(home, '.local', 'share'), 'threadline', 'dev.db');
}
