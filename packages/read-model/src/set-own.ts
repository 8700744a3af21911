/**
 * Sets `record[key]` as an own, enumerable property. Keys come from the wire; a plain
 * assignment of `__proto__` would replace the record's prototype instead of adding an entry.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
