import { missingPackageMessage } from './install-lines';

/** Where `name` resolves from `load`, or undefined when it is not installed there. */
export function resolveInstalled(load: NodeJS.Require, name: string): string | undefined {
  try {
    return load.resolve(name);
  } catch (error) {
    // Only "not installed" means absent; a package that is there but broken should say so.
    if ((error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Loads an optional peer that `call` cannot do without, or throws naming the install lines. */
export function requirePeer<T>(load: NodeJS.Require, name: string, call: string): T {
  if (resolveInstalled(load, name) === undefined) {
    throw new Error(missingPackageMessage(call, name));
  }
  return load(name) as T;
}
