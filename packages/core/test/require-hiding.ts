/**
 * `load`, a real `require`, acting as if the `hidden` packages were not installed: how tests
 * see what registerThreadline does in an application that lacks them.
 */
export function requireHiding(load: NodeJS.Require, hidden: readonly string[]): NodeJS.Require {
  const check = (id: string) => {
    if (hidden.some((name) => id === name || id.startsWith(`${name}/`))) {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    }
  };
  const resolve = Object.assign(
    (id: string, options?: { paths?: string[] }) => {
      check(id);
      return load.resolve(id, options);
    },
    { paths: load.resolve.paths },
  );
  const hiding = (id: string) => {
    check(id);
    return load(id);
  };
  return Object.assign(hiding, {
    resolve,
    cache: load.cache,
    extensions: load.extensions,
    main: load.main,
  });
}
