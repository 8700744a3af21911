import { isRecord } from './message-text';

// Recursive schemas (a tree node holding nodes) must stop somewhere; past this depth optional
// parts are left out and arrays stay at their minimum length.
const MAX_DEPTH = 8;

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  ipv6: '::1',
};

/**
 * A plausible value that satisfies a JSON Schema as structured outputs use it: objects with their
 * required properties (all of them when `required` is absent), `$ref` into the root schema,
 * `anyOf`/`oneOf` (first branch), `allOf`, `enum`, `const`, string formats and length bounds,
 * number bounds and `minItems`. Deterministic: the same schema always gives the same value.
 */
export function sampleFromSchema(schema: unknown): unknown {
  return sample(schema, schema, 'value', 0);
}

function sample(schema: unknown, root: unknown, name: string, depth: number): unknown {
  if (schema === true || !isRecord(schema)) return `example ${name}`;
  if (typeof schema.$ref === 'string') {
    return sample(resolveRef(schema.$ref, root), root, name, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length > 0) {
    // A nullable field is `anyOf: [X, {type: 'null'}]`: a real value is the plausible one.
    const nonNull = branches.find((branch) => !(isRecord(branch) && branch.type === 'null'));
    return sample(nonNull ?? branches[0], root, name, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return sampleAllOf(schema, root, name, depth);
  switch (schemaType(schema)) {
    case 'object':
      return sampleObject(schema, root, depth);
    case 'array':
      return sampleArray(schema, root, name, depth);
    case 'string':
      return sampleString(schema, name);
    case 'integer':
      return Math.ceil(sampleNumber(schema));
    case 'number':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return `example ${name}`;
  }
}

function schemaType(schema: Record<string, any>): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? type[0];
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/')) {
    if (raw === '') continue;
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) || Array.isArray(node) ? (node as any)[key] : undefined;
  }
  return node ?? {};
}

function sampleObject(schema: Record<string, any>, root: unknown, depth: number): unknown {
  const properties: Record<string, unknown> = isRecord(schema.properties) ? schema.properties : {};
  const required: string[] = Array.isArray(schema.required)
    ? schema.required
    : depth < MAX_DEPTH
      ? Object.keys(properties)
      : [];
  const value: Record<string, unknown> = {};
  for (const key of required) value[key] = sample(properties[key] ?? {}, root, key, depth + 1);
  return value;
}

function sampleAllOf(schema: Record<string, any>, root: unknown, name: string, depth: number) {
  const parts = (schema.allOf as unknown[]).map((part) => sample(part, root, name, depth + 1));
  if (parts.every(isRecord)) return Object.assign({}, ...parts);
  return parts[0];
}

function sampleArray(schema: Record<string, any>, root: unknown, name: string, depth: number) {
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const length = depth < MAX_DEPTH ? Math.max(min, 1) : min;
  const items: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const itemSchema = Array.isArray(schema.prefixItems) ? schema.prefixItems[i] : undefined;
    items.push(sample(itemSchema ?? schema.items ?? {}, root, name, depth + 1));
  }
  return items;
}

function sampleString(schema: Record<string, any>, name: string): string {
  let text = FORMAT_SAMPLES[schema.format as string] ?? `example ${name}`;
  if (typeof schema.minLength === 'number' && text.length < schema.minLength) {
    text = text.padEnd(schema.minLength, 'x');
  }
  if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
  return text;
}

function sampleNumber(schema: Record<string, any>): number {
  const low = numberOr(schema.minimum, numberOr(schema.exclusiveMinimum, undefined, 1));
  const high = numberOr(schema.maximum, numberOr(schema.exclusiveMaximum, undefined, -1));
  let value = low ?? 1;
  if (high !== undefined && value > high) value = high;
  return value;
}

// Exclusive bounds are nudged by one so that the result stays strictly inside them.
function numberOr(bound: unknown, fallback: number | undefined, nudge = 0): number | undefined {
  return typeof bound === 'number' ? bound + nudge : fallback;
}
