import type { ThreadlineAttributes } from '../attributes';
import { configuredSettings } from '../configuration/configure-threadline';
import type { ThreadlineSettings } from '../settings';
import type { OnInvalid } from '../validation/report';
import type { SensitivePolicy } from '../validation/sensitive';

/** How a scope behaves, beside the attributes it sets. */
export interface ScopeOptions {
  /** Also put the attributes into W3C baggage so they cross service boundaries. Default false. */
  asBaggage?: boolean;
  /** Sensitive-value policy for this scope; defaults to configureThreadline's. */
  sensitive?: SensitivePolicy;
  /** Called for each invalid value of this scope; defaults to configureThreadline's. */
  onInvalid?: OnInvalid;
}

/** The argument of `propagateAttributes`: attributes and scope options in one object. */
export type PropagateAttributesParams = ThreadlineAttributes & ScopeOptions;

/** The settings a scope validates with: its own options over the configured ones. */
export function scopeSettings(options: ScopeOptions | undefined): ThreadlineSettings {
  const base = configuredSettings();
  if (!options || (options.sensitive === undefined && options.onInvalid === undefined)) return base;
  return {
    ...base,
    sensitive: options.sensitive ?? base.sensitive,
    onInvalid: options.onInvalid ?? base.onInvalid,
  };
}
