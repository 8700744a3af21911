import { describe, expect, it } from 'vitest';
import { defaultDbPath } from './default-db-path';

describe('defaultDbPath', () => {
  it('uses the data folder of each platform', () => {
    expect(defaultDbPath({ platform: 'linux', env: {}, home: '/home/a' })).toBe(
      '/home/a/.local/share/threadline/dev.db',
    );
    expect(
      defaultDbPath({ platform: 'linux', env: { XDG_DATA_HOME: '/data' }, home: '/home/a' }),
    ).toBe('/data/threadline/dev.db');
    // A relative XDG_DATA_HOME is invalid and ignored.
    expect(
      defaultDbPath({ platform: 'linux', env: { XDG_DATA_HOME: 'rel' }, home: '/home/a' }),
    ).toBe('/home/a/.local/share/threadline/dev.db');
    expect(defaultDbPath({ platform: 'darwin', env: {}, home: '/Users/a' })).toBe(
      '/Users/a/Library/Application Support/threadline/dev.db',
    );
  });
});
