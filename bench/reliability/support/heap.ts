const gc = (globalThis as { gc?: (options?: unknown) => void }).gc;

/** Heap used after full collections (the project runs with `--expose-gc`). */
export async function heapAfterGc(): Promise<number> {
  if (!gc) throw new Error('run with --expose-gc (the reliability project does)');
  // Several passes with turns of the event loop between: finalizers and weak references settle.
  for (let i = 0; i < 4; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Megabytes, for messages. */
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
