import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';

const guidePath = join(import.meta.dirname, '../../../docs/serverless.md');
const guide = readFileSync(guidePath, 'utf8');

it('quotes each code block from the example file linked just before it, as the file has it', () => {
  const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)];
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  for (const block of blocks) {
    const before = guide.slice(0, block.index);
    const links = [...before.matchAll(/\]\((\.\.\/examples\/serverless\/src\/[^)]+\.ts)\):\s*$/g)];
    const source = links.at(-1)?.[1];
    expect(source, `the block at offset ${block.index} names no file`).toBeDefined();
    const file = readFileSync(join(dirname(guidePath), source!), 'utf8');
    expect(file, source).toContain(block[1]);
  }
});

it('links only to files that exist in the repository', () => {
  const targets = [...guide.matchAll(/\]\((\.\.?\/[^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!);
  expect(targets.length).toBeGreaterThan(0);
  for (const target of targets) {
    expect(existsSync(join(dirname(guidePath), target)), target).toBe(true);
  }
});
