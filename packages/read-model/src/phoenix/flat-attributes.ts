import { setOwn } from '../set-own';

/**
 * Phoenix nests flat attribute keys at their dots before it reads them. These readers give the
 * same answers straight from the flat keys, for the cases that matter to a reader:
 *
 * - a key whose ancestor holds a value of its own is hidden (`input = "x"` hides `input.value`);
 * - a numeric segment followed by more segments is a list index: items are ordered by index,
 *   gaps close up, `00` and `0` are one index;
 * - an index that also holds a value of its own (`llm.input_messages.0 = "x"`) is not a list item.
 *
 * Not modelled: Phoenix also trims spaces around segments and drops empty segments.
 */

type Flat = Readonly<Record<string, unknown>>;

function hasAncestorValue(record: Flat, path: string): boolean {
  for (let at = path.indexOf('.'); at !== -1; at = path.indexOf('.', at + 1)) {
    if (Object.hasOwn(record, path.slice(0, at))) return true;
  }
  return false;
}

/** The value at `path`, unless no such own key exists or an ancestor hides it. */
export function readFlat(record: Flat, path: string): unknown {
  if (!Object.hasOwn(record, path) || hasAncestorValue(record, path)) return undefined;
  return record[path];
}

/** The items of the flattened list at `prefix`, each keyed by what follows `<prefix>.<i>.`. */
export function readFlatList(record: Flat, prefix: string): Array<Record<string, unknown>> {
  if (Object.hasOwn(record, prefix) || hasAncestorValue(record, prefix)) return [];
  const head = `${prefix}.`;
  const items = new Map<number, Record<string, unknown>>();
  const valued = new Set<number>();
  for (const [key, value] of Object.entries(record)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const segment = dot === -1 ? rest : rest.slice(0, dot);
    if (!/^\d+$/.test(segment)) continue;
    const index = Number(segment);
    if (dot === -1) {
      valued.add(index);
      continue;
    }
    let item = items.get(index);
    if (!item) {
      item = {};
      items.set(index, item);
    }
    setOwn(item, rest.slice(dot + 1), value);
  }
  return [...items.entries()]
    .filter(([index]) => !valued.has(index))
    .sort(([a], [b]) => a - b)
    .map(([, item]) => item);
}

/** A string as is, a number or boolean as text; anything else is absent. */
export function flatText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
