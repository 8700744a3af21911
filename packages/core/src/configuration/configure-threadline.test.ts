import { DiagLogLevel, diag } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installGlobals } from '../../test/harness';
import { getActiveAttributes, propagateAttributes } from '../scope/propagate-attributes';
import {
  configuredSettings,
  configureThreadline,
  resetThreadlineConfiguration,
} from './configure-threadline';

const EMAIL = 'ann@example.com';

function userInScope(): string | undefined {
  return propagateAttributes({ userId: EMAIL }, () => getActiveAttributes().userId);
}

describe('configureThreadline', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installGlobals();
  });
  afterAll(() => uninstall());
  afterEach(() => {
    resetThreadlineConfiguration();
    diag.disable();
  });

  it('sets the policy scopes validate with; reset undoes it', () => {
    expect(userInScope()).toBe(EMAIL);
    expect(configureThreadline({ sensitive: 'drop' })).toBe(true);
    expect(userInScope()).toBeUndefined();
    resetThreadlineConfiguration();
    expect(userInScope()).toBe(EMAIL);
  });

  it('refuses a second registration, and says so, unless allowOverride is set', () => {
    const errors: string[] = [];
    diag.setLogger(
      { error: (m: string) => errors.push(m), warn() {}, info() {}, debug() {}, verbose() {} },
      DiagLogLevel.ERROR,
    );
    expect(configureThreadline({ sensitive: 'drop' })).toBe(true);
    expect(configureThreadline({ sensitive: 'allow' })).toBe(false);
    expect(errors.join('\n')).toMatch(/already called/);
    expect(configuredSettings().sensitive).toBe('drop');
    expect(configureThreadline({ sensitive: 'allow', allowOverride: true })).toBe(true);
    expect(configuredSettings().sensitive).toBe('allow');
  });

  it('ignores a registration by an incompatible version of the package, and will not replace it', () => {
    const key = Symbol.for('threadline.core.configuration');
    const holder = globalThis as unknown as Record<symbol, unknown>;
    holder[key] = { version: '99.0.0', settings: { sensitive: 'drop', maxMetadataCardinality: 5 } };
    try {
      expect(configuredSettings().sensitive).toBe('warn');
      expect(configureThreadline({ sensitive: 'allow', allowOverride: true })).toBe(false);
    } finally {
      holder[key] = undefined;
    }
  });

  it('falls back to the default for each option out of range', () => {
    configureThreadline({ sensitive: 'nope' as never, maxMetadataCardinality: -3 });
    expect(configuredSettings()).toMatchObject({ sensitive: 'warn', maxMetadataCardinality: 1000 });
  });
});
