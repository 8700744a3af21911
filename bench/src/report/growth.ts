import { overheadOf } from '../result';
import type { ScaleDimension } from '../scale/scale-dimension';
import type { BudgetCheck } from './budgets';
import { formatSignedNs } from './format-ns';

/** The most Threadline's per-span overhead may grow from a dimension's smallest size to its largest. */
export const FLAT_LIMIT = 1.3;

/** How a case's per-span cost grows across the sizes of one dimension. */
export interface Growth {
  /** Each size's per-span value, in size order. */
  values: Array<{ size: number; value: number }>;
  /** The highest value at a larger size ÷ the smallest size's (NaN when that is not above 0). */
  factor: number;
  flat: boolean;
}

/**
 * The highest value at any larger size ÷ the value at the smallest size: how much more a span
 * costs once the work has grown. A cost that falls as the work grows (a scope entered once per
 * turn, spread over more spans) is no growth.
 */
function growthOfValues(values: Array<{ size: number; value: number }>): Growth {
  const first = values[0]?.value ?? Number.NaN;
  const later = values.slice(1).map((v) => v.value);
  const factor = first > 0 && later.length > 0 ? Math.max(...later) / first : Number.NaN;
  return { values, factor, flat: factor <= FLAT_LIMIT };
}

/**
 * Growth of a case's per-span overhead over bare OpenTelemetry at the same size: what the
 * setup itself adds per span, with the SDK's own scaling and the harness's (waking a task,
 * entering a context) taken out by the pairing with bare.
 */
export function overheadGrowth(dimension: ScaleDimension, name: string): Growth {
  return growthOfValues(
    dimension.sizes.map(({ size, result }) => ({ size, value: overheadOf(result, name) })),
  );
}

/** Growth of a case's whole per-span CPU time (bare's share included), for reference. */
export function totalGrowth(dimension: ScaleDimension, name: string): Growth {
  return growthOfValues(
    dimension.sizes.map(({ size, result }) => ({ size, value: result.cases[name]!.median })),
  );
}

/** `1.12×`, or why there is no factor. */
export function formatFactor(growth: Growth): string {
  return Number.isFinite(growth.factor) ? `${growth.factor.toFixed(2)}×` : 'no factor';
}

/**
 * Threadline's per-span overhead ÷ the floor's, at each size: how Threadline grows beyond what
 * any setup that records the same attributes must pay.
 */
export function growthOverFloor(dimension: ScaleDimension, name: string, floor: string): Growth {
  return growthOfValues(
    dimension.sizes.map(({ size, result }) => {
      const own = overheadOf(result, name);
      const least = overheadOf(result, floor);
      // A floor measured at or below 0 gives no ratio: above it, Threadline cannot count as flat.
      return { size, value: least > 0 ? own / least : own > 0 ? Number.POSITIVE_INFINITY : 0 };
    }),
  );
}

/**
 * Threadline's growth on every dimension, as budgets: flat when ≤ {@link FLAT_LIMIT}×. Where the
 * floor itself grows past that (more metadata keys are more attributes to set, for anyone), the
 * flat budget cannot be met by any implementation: the floor's growth is printed beside it, and
 * Threadline is judged on its growth over the floor's.
 */
export function checkGrowth(dimensions: readonly ScaleDimension[]): BudgetCheck[] {
  return dimensions.map((dimension) => {
    const first = dimension.sizes[0]?.result;
    const threadline = first?.threadline ?? 'threadline';
    const growth = overheadGrowth(dimension, threadline);
    const path = growth.values
      .map((v) => `${formatSignedNs(v.value)} at ${v.size.toLocaleString('en-US')}`)
      .join(', ');
    const why = Number.isFinite(growth.factor) ? '' : ' (an overhead not above 0)';
    const budget = `(scale) Threadline's per-span overhead flat across ${dimension.title} (≤ ${FLAT_LIMIT}×)`;
    const measured = `${path} ${dimension.unit}; highest at a larger size ÷ smallest size ${formatFactor(growth)}${why}`;
    const floor = first?.floor;
    const floorGrowth = floor ? overheadGrowth(dimension, floor) : undefined;
    if (growth.flat || !floor || !floorGrowth || floorGrowth.flat) {
      return {
        id: `scale-${dimension.id}`,
        kind: 'growth',
        budget,
        measured: `${measured}: ${growth.flat ? 'flat' : 'grows'}`,
        met: growth.flat,
      };
    }
    const relative = growthOverFloor(dimension, threadline, floor);
    return {
      id: `scale-${dimension.id}`,
      kind: 'growth',
      budget: `${budget}, or, where the floor grows too, flat over the floor`,
      measured: `${measured}; the floor grows ${formatFactor(floorGrowth)} (no setup can be flatter), Threadline ÷ floor grows ${formatFactor(relative)}: ${relative.flat ? 'flat over the floor' : 'grows over the floor'}`,
      met: relative.flat,
    };
  });
}
