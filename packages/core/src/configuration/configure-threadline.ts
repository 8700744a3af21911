import { diag } from '@opentelemetry/api';
import {
  DEFAULT_SETTINGS,
  type SettingsOptions,
  type ThreadlineSettings,
  toSettings,
} from '../settings';
import { PACKAGE_VERSION } from '../version';

/** Options of {@link configureThreadline}. */
export interface ConfigureThreadlineOptions extends SettingsOptions {
  /**
   * Replace a configuration registered before. Default false: a second registration is refused
   * (and reported), so a library cannot silently change the application's policy.
   */
  allowOverride?: boolean;
}

interface Registration {
  readonly version: string;
  readonly settings: ThreadlineSettings;
}

// A registered symbol, so that the ESM and CJS builds, and other copies of this package in one
// process, find one configuration (as @opentelemetry/api does with its globals).
const CONFIGURATION_KEY = Symbol.for('threadline.core.configuration');

type Holder = { [CONFIGURATION_KEY]?: Registration | undefined };

/**
 * Whether a configuration registered by a copy of this package at `version` can be used here:
 * the same major, or for 0.x the same minor (semver's promise of compatibility).
 */
function isCompatible(version: string): boolean {
  if (version === PACKAGE_VERSION) return true;
  const [major, minor] = version.split('.');
  const [ownMajor, ownMinor] = PACKAGE_VERSION.split('.');
  return major === ownMajor && (ownMajor !== '0' || minor === ownMinor);
}

let warnedIncompatible = false;

/**
 * Registers the validation policy that scopes (`propagateAttributes`, `contextWithAttributes`)
 * and adapters' per-call options use, once per process, as OpenTelemetry registers its globals.
 * Each `ThreadlineSpanProcessor` keeps its own options; this is only the scopes' policy.
 * Without a registration the defaults apply (`sensitive: 'warn'`, 1000 values per key).
 *
 * Returns whether the configuration was registered: a second call is refused unless it says
 * `allowOverride: true`, and so is a call when an incompatible version of
 * `@threadline/core` registered first. {@link resetThreadlineConfiguration} undoes it.
 *
 * @example
 * configureThreadline({ sensitive: 'drop', onInvalid: (r) => metrics.count(r.reason) });
 */
export function configureThreadline({
  allowOverride = false,
  ...options
}: ConfigureThreadlineOptions = {}): boolean {
  const holder = globalThis as Holder;
  const current = holder[CONFIGURATION_KEY];
  if (current && !isCompatible(current.version)) {
    diag.error(
      `threadline: a configuration from @threadline/core ${current.version} is registered; this copy (${PACKAGE_VERSION}) cannot replace it`,
    );
    return false;
  }
  if (current && !allowOverride) {
    diag.error(
      'threadline: configureThreadline was already called; pass allowOverride: true to replace the configuration',
    );
    return false;
  }
  holder[CONFIGURATION_KEY] = { version: PACKAGE_VERSION, settings: toSettings(options) };
  return true;
}

/**
 * Registers `options` as the scopes' policy unless a configuration is registered already (the
 * application's own call wins over a convenience setup). Returns whether it registered.
 */
export function configureThreadlineIfAbsent(options: SettingsOptions): boolean {
  if ((globalThis as Holder)[CONFIGURATION_KEY] !== undefined) return false;
  return configureThreadline(options);
}

/** Undoes {@link configureThreadline}: scopes go back to the default policy. */
export function resetThreadlineConfiguration(): void {
  const holder = globalThis as Holder;
  const current = holder[CONFIGURATION_KEY];
  if (current && isCompatible(current.version)) holder[CONFIGURATION_KEY] = undefined;
}

/** The settings scopes validate with: the registered ones, else the defaults. */
export function configuredSettings(): ThreadlineSettings {
  const current = (globalThis as Holder)[CONFIGURATION_KEY];
  if (current === undefined) return DEFAULT_SETTINGS;
  if (current.version === PACKAGE_VERSION || isCompatible(current.version)) return current.settings;
  if (!warnedIncompatible) {
    warnedIncompatible = true;
    diag.warn(
      `threadline: ignoring the configuration of @threadline/core ${current.version}; using the defaults`,
    );
  }
  return DEFAULT_SETTINGS;
}
