import { packageProject } from '../vitest.shared.ts';

/**
 * The reliability suite: soak, faults and hostile input, against source. Its own forked workers
 * with `--expose-gc`, so the heap can be measured after a full collection.
 */
export default packageProject(import.meta.dirname, {
  test: {
    name: 'reliability',
    include: ['reliability/**/*.test.ts', 'src/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
