import { FIELD_SETS } from './fields';
import type { MeasureOptions } from './measure';
import { printWorkload } from './report/table';
import type { WorkloadResult } from './result';
import { installGlobals } from './setups/globals';
import { createPeerProcessors } from './setups/peers';
import { scopeEnterLeave } from './workloads/scope-enter-leave';
import { spanStartEnd } from './workloads/span-start-end';

const quick = process.argv.includes('--quick');
installGlobals();
const peers = createPeerProcessors();
const spanOptions: MeasureOptions = quick
  ? { iterations: 5_000, rounds: 5, warmup: 2 }
  : { iterations: 20_000, rounds: 15, warmup: 4 };

const results: WorkloadResult[] = [];
for (const [label, fields] of FIELD_SETS) {
  const r = await spanStartEnd(label, fields, peers, spanOptions);
  printWorkload(r);
  results.push(r);
}
for (const [label, fields] of FIELD_SETS) {
  const r = await scopeEnterLeave(label, fields, peers, spanOptions);
  printWorkload(r);
  results.push(r);
}
