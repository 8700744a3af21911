import type { SdkMethod } from './sdk-methods';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Whether a patch still makes spans: a patch that cannot be taken out is switched off. */
export interface PatchSwitch {
  active: boolean;
}

interface Patch extends PatchSwitch {
  readonly method: SdkMethod;
  readonly original: AnyFunction;
  readonly patched: AnyFunction;
  readonly descriptor: PropertyDescriptor;
}

/** Makes the patched version of `original`; it must call `original` while `patch` is off. */
export type Patcher = (original: AnyFunction, method: SdkMethod, patch: PatchSwitch) => AnyFunction;

/**
 * The prototype methods one instrumentation patched, to put each back as it was. A method that
 * someone patched again on top of ours is left in place with ours switched off (it passes
 * straight through), so their patch keeps working and enabling again switches ours back on.
 */
export class MethodPatches {
  private readonly patches: Patch[] = [];

  /** Patches `method`, or switches its patch back on; returns whether it is patched. */
  apply(method: SdkMethod, patcher: Patcher): boolean {
    const existing = this.patches.find(
      (p) => p.method.owner === method.owner && p.method.name === method.name,
    );
    if (existing) {
      existing.active = true;
      return true;
    }
    const descriptor = Object.getOwnPropertyDescriptor(method.owner, method.name);
    const original = descriptor?.value;
    if (typeof original !== 'function' || !descriptor?.configurable) return false;
    const patchSwitch: PatchSwitch = { active: true };
    const patched = patcher(original as AnyFunction, method, patchSwitch);
    Object.defineProperty(method.owner, method.name, { ...descriptor, value: patched });
    this.patches.push(Object.assign(patchSwitch, { method, original, patched, descriptor }));
    return true;
  }

  /** Puts back every original that is still ours to put back; switches the others off. */
  restoreAll(): void {
    for (let i = this.patches.length - 1; i >= 0; i--) {
      const patch = this.patches[i]!;
      patch.active = false;
      const { owner, name } = patch.method;
      if (Object.getOwnPropertyDescriptor(owner, name)?.value !== patch.patched) continue;
      Object.defineProperty(owner, name, patch.descriptor);
      this.patches.splice(i, 1);
    }
  }
}
