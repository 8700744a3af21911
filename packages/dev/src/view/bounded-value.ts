/** How much of a value (parsed JSON from a span) the page keeps. */
export interface ValueBounds {
  /** Containers nested deeper are replaced by a marker. */
  maxDepth: number;
  /** Items of one array, or keys of one object; the rest is one marker. */
  maxItems: number;
  /** Values in all, containers and primitives; past it, containers become markers. */
  maxNodes: number;
  /** Characters of one string; longer strings are cut with a marker. `Infinity`: no cut. */
  maxStringChars: number;
}

/**
 * What the view keeps of each input and output: deep enough for any real message or tool
 * result, shallow enough that `JSON.stringify` and the page's own code stay far from the call
 * stack's limit (a span can hold `[[[[…]]]]` 100,000 levels deep, which JSON.parse accepts).
 * Strings are left whole here; pages cut long text themselves and can show all of it.
 */
export const VIEW_BOUNDS: ValueBounds = {
  maxDepth: 32,
  maxItems: 2_000,
  maxNodes: 50_000,
  maxStringChars: Number.POSITIVE_INFINITY,
};

/** The marker for a container nested past `maxDepth`. */
export function depthMarker(maxDepth: number): string {
  return `[… nested deeper than ${maxDepth} levels]`;
}

const TOO_MANY_VALUES = '[… more values than can be shown]';

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function entriesOf(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** Whether `value` is within every bound, so it can be used as it is. Iterative. */
function fits(value: unknown, bounds: ValueBounds): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > bounds.maxNodes) return false;
    if (typeof current === 'string') {
      if (current.length > bounds.maxStringChars) return false;
      continue;
    }
    if (!isContainer(current)) continue;
    if (depth >= bounds.maxDepth || entriesOf(current) > bounds.maxItems) return false;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return true;
}

function cutString(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  // Never cut a surrogate pair in half.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

function place(into: object, key: string | number, value: unknown): void {
  // A key such as `__proto__` (JSON.parse makes it an own key) must stay a plain key.
  Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
}

interface Task {
  source: unknown;
  into: object;
  key: string | number;
  depth: number;
}

/** A copy of `value` within `bounds`, each cut marked. Iterative: no nesting can overflow it. */
function copyWithin(value: unknown, bounds: ValueBounds): unknown {
  const root: { value?: unknown } = {};
  const stack: Task[] = [{ source: value, into: root, key: 'value', depth: 0 }];
  // Values placed or queued; containers stop expanding once it reaches maxNodes.
  let budget = bounds.maxNodes - 1;
  while (stack.length > 0) {
    const { source, into, key, depth } = stack.pop()!;
    if (typeof source === 'string') {
      place(into, key, cutString(source, bounds.maxStringChars));
      continue;
    }
    if (!isContainer(source)) {
      place(into, key, source);
      continue;
    }
    if (depth >= bounds.maxDepth) {
      place(into, key, depthMarker(bounds.maxDepth));
      continue;
    }
    if (budget <= 0) {
      place(into, key, TOO_MANY_VALUES);
      continue;
    }
    const total = entriesOf(source);
    const kept = Math.min(total, bounds.maxItems, budget);
    budget -= kept;
    const more = total - kept;
    if (Array.isArray(source)) {
      const copy: unknown[] = new Array(kept + (more > 0 ? 1 : 0));
      if (more > 0) copy[kept] = `[… ${more} more items]`;
      for (let n = kept - 1; n >= 0; n--) {
        stack.push({ source: source[n], into: copy, key: n, depth: depth + 1 });
      }
      place(into, key, copy);
    } else {
      const copy = {};
      const keys = Object.keys(source).slice(0, kept);
      // Keys are placed now, in order, and filled as their values are copied.
      for (const name of keys) place(copy, name, undefined);
      if (more > 0) place(copy, '…', `[${more} more keys]`);
      for (let n = keys.length - 1; n >= 0; n--) {
        const name = keys[n]!;
        stack.push({
          source: (source as Record<string, unknown>)[name],
          into: copy,
          key: name,
          depth: depth + 1,
        });
      }
      place(into, key, copy);
    }
  }
  return root.value;
}

/**
 * `value` within `bounds`: the value itself when it fits (no copy), else a copy with each cut
 * marked in place (`[… nested deeper than 32 levels]`, `[… 10 more items]`). Never recursive.
 */
export function boundValue(value: unknown, bounds: ValueBounds = VIEW_BOUNDS): unknown {
  return fits(value, bounds) ? value : copyWithin(value, bounds);
}

/** Options of {@link displayJson}. */
export interface DisplayJsonOptions {
  /** Spaces of indentation, as JSON.stringify takes it. */
  indent?: number;
  /** Characters at most; each string inside is cut to this too, so nothing large is built. */
  maxChars?: number;
}

/** The marker shown instead of a value that cannot be shown at all. */
export function unreadableMarker(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `[this value cannot be shown: ${reason.slice(0, 200)}]`;
}

/**
 * A value as JSON text for the page, bounded before it is stringified: depth, items, values
 * and characters. A value that still fails gives a marker instead of an error.
 */
export function displayJson(
  value: unknown,
  { indent = 0, maxChars = Number.POSITIVE_INFINITY }: DisplayJsonOptions = {},
): string {
  try {
    const bounded = boundValue(value, {
      ...VIEW_BOUNDS,
      maxStringChars: Math.min(VIEW_BOUNDS.maxStringChars, maxChars),
    });
    const text = JSON.stringify(bounded, null, indent) ?? String(bounded);
    return cutString(text, maxChars);
  } catch (error) {
    return unreadableMarker(error);
  }
}
