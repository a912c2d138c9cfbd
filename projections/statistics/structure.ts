import { type AsOf, recordedByOf } from './as-of';
import { type StatisticsCube } from './cube';
import { exact, type Publish } from './perturbation';
import { complete, type Sliced } from './slices';

/** Bound once: per row, a lookup of the global `Math` costs a call where globals are intercepted (jest's vm context). */
const { imul } = Math;

/** 人口结构: counts by urban/rural, sex, birth year and registration type (current and original), for one measure. */
export interface StructureCell {
  readonly urban: boolean;
  readonly sex: string;
  readonly birthYear: number;
  readonly regType: string;
  readonly origType: string;
  readonly count: number;
}

export type StructureQuery = AsOf & { readonly measure: 'registered' | 'resident' };

const byCell = (a: StructureCell, b: StructureCell): number =>
  Number(b.urban) - Number(a.urban) || a.sex.localeCompare(b.sex) || a.birthYear - b.birthYear || a.regType.localeCompare(b.regType) || a.origType.localeCompare(b.origType);

/** The cells of the structure (sex, birth year, types) and which slot each cube cell counts into; the cube's cells only grow. */
interface Layout {
  readonly cells: number;
  readonly slots: readonly Omit<StructureCell, 'urban' | 'count'>[];
  readonly slotOfCell: Int32Array;
  readonly isAway: Uint8Array;
}

const layouts = new WeakMap<StatisticsCube, Layout>();

const layoutOf = (cube: StatisticsCube): Layout => {
  const cells = cube.cells.values;
  const known = layouts.get(cube);
  if (known?.cells === cells.length) return known;
  const slot = new Map<string, number>();
  const slots: Omit<StructureCell, 'urban' | 'count'>[] = [];
  const slotOfCell = Int32Array.from(cells, (c) => {
    const key = `${c.sex}|${c.birthYear}|${c.regType}|${c.origType}`;
    let s = slot.get(key);
    if (s === undefined) {
      s = slots.push({ sex: c.sex, birthYear: c.birthYear, regType: c.regType, origType: c.origType }) - 1;
      slot.set(key, s);
    }
    return s;
  });
  const layout = { cells: cells.length, slots, slotOfCell, isAway: Uint8Array.from(cells, (c) => (c.measure === 'away' ? 1 : 0)) };
  layouts.set(cube, layout);
  return layout;
};

/**
 * The population structure of a region on a date (registered or resident): a scan of the region's rows, a
 * slice at a time, each cell's count and cell key summed, then published. A cell published as 0 is left
 * out — listing it would say that it is not empty.
 */
export function* structureSlices(cube: StatisticsCube, q: StructureQuery, publish: Publish = exact): Sliced<StructureCell[]> {
  const recordedBy = recordedByOf(q);
  const urban = cube.urbanOn(q.date, recordedBy);
  const { slots, slotOfCell, isAway } = layoutOf(cube);
  const resident = q.measure === 'resident';
  const sums = new Float64Array(slots.length * 2);
  const keys = new Int32Array(slots.length * 2);
  yield* cube.scanSlices(q.region, q.date, recordedBy, (i) => {
    const c = cube.cellOf(i);
    if (!resident && isAway[c]) return;
    const at = slotOfCell[c]! * 2 + urban[cube.regionOf(i)]!;
    sums[at]! += cube.countOf(i);
    keys[at] = keys[at]! + imul(cube.countOf(i), cube.keyOf(i)); // an Int32Array wraps
  });
  const out: StructureCell[] = [];
  slots.forEach((cell, s) => {
    for (let u = 1; u >= 0; u--) {
      const n = sums[s * 2 + u]!;
      const count = n === 0 ? 0 : publish(n, keys[s * 2 + u]!); // nobody is published as nobody
      if (count !== 0) out.push({ urban: u === 1, ...cell, count });
    }
  });
  return out.sort(byCell);
}

export const structure = (cube: StatisticsCube, q: StructureQuery, publish: Publish = exact): StructureCell[] => complete(structureSlices(cube, q, publish));
