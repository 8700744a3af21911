import { describe, expect, it } from 'vitest';
import { CHAT_OPERATION } from '../operations/chat';
import { MethodPatches, type Patcher } from './method-patches';

class Resource {
  create(body: string): string {
    return `sdk ${body}`;
  }
}

const tagging =
  (tag: string): Patcher =>
  (original, _method, patch) =>
    function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      return patch.active ? `${tag}(${result})` : result;
    };

function method() {
  return { owner: Resource.prototype, name: 'create', operation: CHAT_OPERATION };
}

describe('MethodPatches', () => {
  const own = Resource.prototype.create;

  it('patches a method, keeps its descriptor, and puts the same function back', () => {
    const patches = new MethodPatches();
    expect(patches.apply(method(), tagging('a'))).toBe(true);
    expect(new Resource().create('x')).toBe('a(sdk x)');
    expect(Object.getOwnPropertyDescriptor(Resource.prototype, 'create')).toMatchObject({
      enumerable: false,
      writable: true,
      configurable: true,
    });
    // Applying again switches it on, never stacks a second copy.
    expect(patches.apply(method(), tagging('a'))).toBe(true);
    expect(new Resource().create('x')).toBe('a(sdk x)');
    patches.restoreAll();
    expect(Resource.prototype.create).toBe(own);
    expect(new Resource().create('x')).toBe('sdk x');
  });

  it('a patch someone put on top stays working; ours is switched off, then back on', () => {
    const first = new MethodPatches();
    const second = new MethodPatches();
    first.apply(method(), tagging('a'));
    second.apply(method(), tagging('b'));
    expect(new Resource().create('x')).toBe('b(a(sdk x))');
    first.restoreAll();
    expect(new Resource().create('x')).toBe('b(sdk x)');
    first.apply(method(), tagging('a'));
    expect(new Resource().create('x')).toBe('b(a(sdk x))');
    second.restoreAll();
    first.restoreAll();
    expect(Resource.prototype.create).toBe(own);
  });

  it('leaves alone what it cannot patch', () => {
    const frozen = {};
    Object.defineProperty(frozen, 'create', { value: () => 'sdk', configurable: false });
    const patches = new MethodPatches();
    const target = { owner: frozen, name: 'create', operation: CHAT_OPERATION };
    expect(patches.apply(target, tagging('a'))).toBe(false);
    expect(patches.apply({ ...target, name: 'missing' }, tagging('a'))).toBe(false);
  });
});
