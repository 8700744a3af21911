import { overheadOf } from '../result';
import type { ScaleDimension } from '../scale/scale-dimension';
import { compareFloor, comparePeers } from './compare';
import { formatNs, formatSignedNs } from './format-ns';
import { FLAT_LIMIT, formatFactor, overheadGrowth, totalGrowth } from './growth';

/**
 * One row per size: bare's CPU per span, every other setup's overhead per span over it, and
 * Threadline against the lowest peer and the floor at that size.
 */
export function scaleRows(dimension: ScaleDimension): Array<Record<string, string | number>> {
  return dimension.sizes.map(({ size, spansPerIteration, result }) => {
    const row: Record<string, string | number> = {
      [dimension.unit]: size.toLocaleString('en-US'),
      'spans/iter': spansPerIteration,
      'bare CPU/span': formatNs(result.cases[result.baseline]!.median),
    };
    for (const name of Object.keys(result.cases)) {
      if (name !== result.baseline) row[name] = formatSignedNs(overheadOf(result, name));
    }
    const peers = comparePeers(result);
    if (peers) {
      // A peer that packs the same values into fewer attributes (OpenInference's metadata is
      // one JSON string) is not recording what Threadline records: the row says so.
      const own = result.cases[result.threadline]?.attributes;
      const theirs = result.cases[peers.peer]?.attributes;
      const fewer =
        own !== undefined && theirs !== undefined && theirs < own
          ? `, ${theirs} attributes to threadline's ${own}`
          : '';
      row['vs lowest peer'] = `${peers.difference.verdict} (${peers.peer}${fewer})`;
    }
    const floor = compareFloor(result);
    if (floor) row['× floor'] = Number.isFinite(floor.ratio) ? floor.ratio.toFixed(2) : '—';
    return row;
  });
}

/** Prints one dimension and Threadline's growth factor across it. */
export function printScale(dimension: ScaleDimension): void {
  const first = dimension.sizes[0]?.result;
  if (!first) return;
  const { rounds, warmup } = first.settings;
  console.log(
    `\n(scale) ${dimension.title} — overhead per span over bare, median of ${rounds} rounds (${warmup} warm-up)\n  ${dimension.note}`,
  );
  console.table(scaleRows(dimension));
  const own = overheadGrowth(dimension, first.threadline);
  const total = totalGrowth(dimension, first.threadline);
  console.log(
    `  threadline growth (highest per-span overhead at a larger size ÷ the smallest size’s): ${formatFactor(own)} — ${own.flat ? 'flat' : `grows (> ${FLAT_LIMIT}×)`}; whole CPU per span: ${formatFactor(total)}`,
  );
}
