import { BAGGAGE_LIMITS } from '../keys/baggage-keys';

/** W3C limit on one `key=value` member. */
export const MAX_MEMBER_BYTES = 4096;

/** Bytes one member takes in the `baggage` header, as the W3C propagator writes it. */
export function memberBytes(key: string, value: string): number {
  // The propagator percent-encodes values; keys are tokens. ASCII after encoding, so length = bytes.
  return key.length + 1 + encodeURIComponent(value).length;
}

/** Running size of a baggage header, to admit members only while they fit the W3C limits. */
export class BaggageBudget {
  private bytes = 0;
  private members = 0;

  /** Counts a member; `false` when it does not fit (and then it is not counted). */
  admit(key: string, value: string): boolean {
    const size = memberBytes(key, value);
    const separator = this.members === 0 ? 0 : 1;
    if (
      size > MAX_MEMBER_BYTES ||
      this.members + 1 > BAGGAGE_LIMITS.MAX_MEMBERS ||
      this.bytes + separator + size > BAGGAGE_LIMITS.MAX_HEADER_BYTES
    ) {
      return false;
    }
    this.bytes += separator + size;
    this.members += 1;
    return true;
  }
}
