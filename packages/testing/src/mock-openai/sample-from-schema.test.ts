import { describe, expect, it } from 'vitest';
import { sampleFromSchema } from './sample-from-schema';

describe('sampleFromSchema', () => {
  it('fills required properties with plausible values by type and format', () => {
    const value = sampleFromSchema({
      type: 'object',
      properties: {
        name: { type: 'string' },
        email: { type: 'string', format: 'email' },
        count: { type: 'integer', minimum: 3 },
        ratio: { type: 'number', maximum: 0.5 },
        active: { type: 'boolean' },
        nickname: { type: ['string', 'null'] },
        kind: { enum: ['a', 'b'] },
        fixed: { const: 7 },
        optional: { type: 'string' },
      },
      required: ['name', 'email', 'count', 'ratio', 'active', 'nickname', 'kind', 'fixed'],
    });
    expect(value).toEqual({
      name: 'example name',
      email: 'user@example.com',
      count: 3,
      ratio: 0.5,
      active: true,
      nickname: 'example nickname',
      kind: 'a',
      fixed: 7,
    });
  });

  it('resolves $ref, anyOf with null, allOf, arrays and length bounds', () => {
    const value = sampleFromSchema({
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/$defs/item' }, minItems: 2 },
        maybe: { anyOf: [{ type: 'null' }, { type: 'number', exclusiveMinimum: 0 }] },
        merged: { allOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: {} } }] },
        code: { type: 'string', minLength: 20, maxLength: 25 },
      },
      $defs: { item: { type: 'object', properties: { id: { type: 'integer' } } } },
    });
    expect(value).toEqual({
      items: [{ id: 1 }, { id: 1 }],
      maybe: 1,
      merged: { a: 'example a', b: 'example b' },
      code: 'example codexxxxxxxx',
    });
  });

  it('terminates on recursive schemas', () => {
    const value = sampleFromSchema({
      $ref: '#/definitions/node',
      definitions: {
        node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/definitions/node' } } },
        },
      },
    });
    expect(JSON.stringify(value).length).toBeLessThan(1000);
  });
});
