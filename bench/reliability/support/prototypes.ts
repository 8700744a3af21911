/** The built-in prototypes a pollution would show on. */
const PROTOTYPES: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

function describe(target: object): string {
  return Reflect.ownKeys(target)
    .map((key) => {
      const d = Object.getOwnPropertyDescriptor(target, key)!;
      const value = 'value' in d ? typeof d.value : 'accessor';
      return `${String(key)}:${value}:${d.writable}:${d.enumerable}:${d.configurable}`;
    })
    .sort()
    .join('|');
}

/** A snapshot of the built-in prototypes' own properties. */
export function snapshotPrototypes(): Map<string, string> {
  return new Map(PROTOTYPES.map(([name, target]) => [name, describe(target)]));
}

/** The prototypes that differ from `before` (empty when none changed). */
export function changedPrototypes(before: Map<string, string>): string[] {
  const changed = PROTOTYPES.filter(([name, target]) => before.get(name) !== describe(target));
  const canary = ({} as Record<string, unknown>).polluted !== undefined ? ['{}.polluted'] : [];
  return [...changed.map(([name]) => name), ...canary];
}
