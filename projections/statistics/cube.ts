import { Column, Interned } from './columns';
import { addSum, Layer, SUM_KEYS } from './layer';
import { SLICE_ROWS, type Sliced } from './slices';
import { classOn, isUrbanClass, type Reclassification, regionCatalog, regionPrefixOf } from '../../libs/domain/src/regions';

/** Bound once: per row, a lookup of the global `Math` costs a call where globals are intercepted (jest's vm context). */
const { imul } = Math;

/** One statistics delta as the cube loads it (a row of `view_stat_deltas`). */
export interface DeltaInput {
  readonly measure: string;
  readonly regionCode: string;
  readonly sex: string;
  readonly birthYear: number;
  readonly regType: string;
  readonly origType: string;
  readonly effDate: string;
  readonly recDate: string;
  readonly n: number;
  readonly cause: string;
  readonly category: string | null;
  readonly ruleId: string | null;
  readonly otherRegion: string | null;
  /** 记录密钥: the row's record key (`recordKeyOf` of its row key), summed into the cell keys of perturbation. */
  readonly key: number;
}

/** A reclassification with the day it was recorded (the recorded basis ignores those recorded later). */
export interface RecordedReclassification extends Reclassification {
  readonly recordedOn: string;
}

/** The cell of a delta besides region and dates. */
export interface Cell {
  readonly measure: 'registered' | 'away';
  readonly sex: string;
  readonly birthYear: number;
  readonly regType: string;
  readonly origType: string;
}

/** A move's detail: category, rule and the region at the other end. */
export interface MoveDetail {
  readonly category: string | null;
  readonly ruleId: string | null;
  readonly otherRegion: string | null;
}

const dayNumber = (date: string): number => Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

/** A scan's filter as day numbers: effective in [from, date], recorded by `recordedBy`. */
interface Days {
  readonly from: number;
  readonly date: number;
  readonly recordedBy: number;
}

const daysOf = (date: string, recordedBy: string | null, from?: string): Days => ({
  from: from === undefined ? 0 : dayNumber(from), date: dayNumber(date), recordedBy: recordedBy === null ? Number.MAX_SAFE_INTEGER : dayNumber(recordedBy),
});

export const CAUSES = [
  'BirthRegistered', 'PersonRegistered', 'HukouMigrated', 'RegistrationTypeUnified', 'ResidencePermitIssued', 'ResidencePermitRenewed', 'ResidencePermitCancelled',
  'ActualResidenceRegistered', 'ActualResidenceEnded', 'DeathRegistered', 'RecordCorrected',
] as const;
export type Cause = (typeof CAUSES)[number];
const CAUSE_ID = new Map<string, number>(CAUSES.map((c, i) => [c, i]));

/**
 * 统计立方: every statistics delta in columns of integers (region, cell, effective and recorded day,
 * count, cause, move detail), rows grouped by region in code order, so a region prefix at any level is
 * one contiguous run. A query sums the run's deltas effective (and recorded) by the date it asks about;
 * deltas added after the last regrouping sit in a small tail that every query also scans.
 */
export class StatisticsCube {
  readonly regions = new Interned<string>();
  readonly cells = new Interned<Cell>();
  readonly moves = new Interned<MoveDetail>();
  private region = new Column();
  private cell = new Column();
  private eff = new Column();
  private rec = new Column();
  private count = new Column();
  private cause = new Column();
  private move = new Column();
  private key = new Column();
  /** Rows [0, grouped) are grouped by region; `runs[r]`..`runs[r+1]` are region r's rows, by region rank. */
  private grouped = 0;
  private order: Int32Array = new Int32Array(0);
  private regionRank: Int32Array = new Int32Array(0);
  private sortedRegions: string[] = [];
  private runs: Int32Array = new Int32Array(1);
  reclassifications: readonly RecordedReclassification[] = [];

  get size(): number {
    return this.region.length;
  }

  add(d: DeltaInput): void {
    this.region.push(this.regions.id(d.regionCode, d.regionCode));
    const cell: Cell = { measure: d.measure === 'away' ? 'away' : 'registered', sex: d.sex, birthYear: d.birthYear, regType: d.regType, origType: d.origType };
    this.cell.push(this.cells.id(`${cell.measure}|${cell.sex}|${cell.birthYear}|${cell.regType}|${cell.origType}`, cell));
    this.eff.push(dayNumber(d.effDate));
    this.rec.push(dayNumber(d.recDate));
    this.count.push(d.n);
    this.cause.push(CAUSE_ID.get(d.cause) ?? -1);
    this.key.push(d.key);
    this.move.push(d.cause === 'HukouMigrated' && d.measure === 'registered' ? this.moves.id(`${d.category}|${d.ruleId}|${d.otherRegion}`, { category: d.category, ruleId: d.ruleId, otherRegion: d.otherRegion }) : -1);
  }

  /** Groups every row by region (a counting sort: linear in the rows). Queries then scan only the runs they ask for. */
  regroup(): void {
    const regions = this.regions.values.length;
    this.sortedRegions = [...this.regions.values].sort();
    const rankOf = new Map(this.sortedRegions.map((code, i) => [code, i]));
    this.regionRank = Int32Array.from(this.regions.values, (code) => rankOf.get(code)!);
    const runs = new Int32Array(regions + 1);
    const n = this.size;
    for (let i = 0; i < n; i++) runs[this.regionRank[this.region.data[i]!]! + 1]!++;
    for (let r = 0; r < regions; r++) runs[r + 1]! += runs[r]!;
    const fill = runs.slice(0, regions);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[this.regionRank[this.region.data[i]!]!]!++] = i;
    this.order = order;
    this.runs = runs;
    this.grouped = n;
    this.rankedCache = new WeakMap();
    this.urbanCache.clear();
    for (const column of [this.region, this.cell, this.eff, this.rec, this.count, this.cause, this.move, this.key]) column.trim();
    const [eff, rec, count, key] = [this.eff.data, this.rec.data, this.count.data, this.key.data];
    const away = Uint8Array.from(this.cells.values, (c) => (c.measure === 'away' ? 1 : 0));
    const cellOf = this.cell.data;
    const base = { order, runs, isAway: (i: number) => away[cellOf[i]!] === 1, countOf: (i: number) => count[i]!, keyOf: (i: number) => key[i]! };
    const late = (i: number) => rec[i]! > eff[i]!;
    this.early = new Layer({ ...base, keep: (i) => !late(i), dayOf: (i) => eff[i]! });
    this.lateByEffective = new Layer({ ...base, keep: late, dayOf: (i) => eff[i]! });
    this.lateByRecorded = new Layer({ ...base, keep: late, dayOf: (i) => rec[i]! });
  }

  /**
   * Layers over the grouped rows (see `Layer`). `early`: deltas recorded by their effective day, by
   * effective day — on both bases they count from that day. The late ones (recorded after their
   * effective day, 补录 and imports) twice: by effective day (effective basis) and by recorded day
   * (recorded basis: what the registry knew on D counts them only from their recording).
   */
  private early: Layer | undefined;
  private lateByEffective: Layer | undefined;
  private lateByRecorded: Layer | undefined;

  private static assertBasis(date: string, recordedBy: string | null): void {
    if (recordedBy !== null && recordedBy !== date) throw new RangeError('the recorded basis asks what the registry knew on the date itself (recordedBy = date)');
  }

  /**
   * [registered, registered urban, away, away urban] of a region prefix on `date`, then the cell keys of the
   * four (the sums of n × record key, wrapping 32-bit: from `SUM_KEYS` on). Effective basis: the
   * deltas effective by then. Recorded basis (`recordedBy` = the date): a delta recorded no later than its
   * effective day counts from its effective day, one recorded later counts from its recording — so the
   * sum is early + late by one axis or the other: two binary searches a unit, a slice of units at a time.
   */
  *populationSumsSlices(prefix: string, date: string, recordedBy: string | null): Sliced<Float64Array> {
    const sums = new Float64Array(2 * SUM_KEYS);
    const urban = this.urbanOn(date, recordedBy);
    const [lo, hi] = this.rankRange(prefix);
    const d = dayNumber(date);
    StatisticsCube.assertBasis(date, recordedBy);
    const [early, late, grouped, size] = [this.early, recordedBy === null ? this.lateByEffective : this.lateByRecorded, this.grouped, this.size];
    if (early && late && hi > lo) {
      const urbanOfRank = this.byRank(urban);
      yield* early.sum(lo, hi, d, urbanOfRank, sums, 1);
      yield* late.sum(lo, hi, d, urbanOfRank, sums, 1);
    }
    yield* this.tailSlices(prefix, daysOf(date, recordedBy), (i) => {
      const base = this.cells.values[this.cell.data[i]!]!.measure === 'away' ? 2 : 0;
      const [n, cellKey] = [this.count.data[i]!, imul(this.count.data[i]!, this.key.data[i]!)];
      addSum(sums, base, n, cellKey);
      if (urban[this.region.data[i]!]) addSum(sums, base + 1, n, cellKey);
    }, grouped, size);
    return sums;
  }

  /**
   * Visits the rows of a region prefix effective in [from, date] (and recorded by `recordedBy`), tail
   * included, a slice at a time; like `scanSlices` it visits the cube as it was when it started.
   */
  *visitPeriodSlices(prefix: string, from: string, date: string, recordedBy: string | null, visit: (row: number) => void): Sliced<void> {
    StatisticsCube.assertBasis(date, recordedBy);
    const [lo, hi] = this.rankRange(prefix);
    const [f, d] = [dayNumber(from), dayNumber(date)];
    const [eff, early, late, grouped, size] = [this.eff.data, this.early, recordedBy === null ? this.lateByEffective : this.lateByRecorded, this.grouped, this.size];
    if (early) yield* early.visit(lo, hi, f, d, visit);
    // A late delta effective in [from, date] and recorded by `date` was recorded in (from, date].
    if (late) yield* late.visit(lo, hi, f, d, recordedBy === null ? visit : (i) => {
      if (eff[i]! >= f) visit(i);
    });
    yield* this.tailSlices(prefix, daysOf(date, recordedBy, from), visit, grouped, size);
  }

  /** The urban flags by region rank (memoised per flags array: `urbanOn` memoises those). */
  private byRank(urban: Uint8Array): Uint8Array {
    let ranked = this.rankedCache.get(urban);
    if (!ranked) {
      const ids = this.rankToId;
      ranked = new Uint8Array(ids.length);
      for (let r = 0; r < ids.length; r++) ranked[r] = urban[ids[r]!]!;
      this.rankedCache.set(urban, ranked);
    }
    return ranked;
  }

  private rankedCache = new WeakMap<Uint8Array, Uint8Array>();

  private get rankToId(): Int32Array {
    if (this.rankIds.length !== this.sortedRegions.length) {
      const ids = new Int32Array(this.sortedRegions.length);
      this.regionRank.forEach((rank, id) => { ids[rank] = id; });
      this.rankIds = ids;
    }
    return this.rankIds;
  }

  private rankIds = new Int32Array(0);

  /** Whether the tail (rows added since `regroup`) has grown enough to be worth regrouping. */
  get tailIsLarge(): boolean {
    return this.size - this.grouped > Math.max(50_000, this.grouped / 8);
  }

  /** Region ranks [lo, hi) of the codes that start with `prefix`. */
  private rankRange(prefix: string): [number, number] {
    const lower = (key: string): number => {
      let lo = 0;
      let hi = this.sortedRegions.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.sortedRegions[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [lower(prefix), lower(`${prefix}\uffff`)];
  }

  /**
   * Visits every row of the region prefix effective by `date` and recorded by `recordedBy`, plus the
   * tail's; `visit(row)` gets the row index. Rows with an effective day before `from` are skipped. It
   * yields after every SLICE_ROWS rows and visits the cube as it was when it started: rows added meanwhile
   * are not visited, and a regrouping builds new arrays, leaving the ones it walks as they were.
   */
  *scanSlices(prefix: string, date: string, recordedBy: string | null, visit: (row: number) => void, from?: string): Sliced<void> {
    const days = daysOf(date, recordedBy, from);
    const [lo, hi] = this.rankRange(prefix);
    const [order, eff, rec, grouped, size] = [this.order, this.eff.data, this.rec.data, this.grouped, this.size];
    for (let k = this.runs[lo]!, end = this.runs[hi]!; k < end;) {
      for (const stop = Math.min(end, k + SLICE_ROWS); k < stop; k++) {
        const i = order[k]!;
        const e = eff[i]!;
        if (e <= days.date && e >= days.from && rec[i]! <= days.recordedBy) visit(i);
      }
      yield;
    }
    yield* this.tailSlices(prefix, days, visit, grouped, size);
  }

  /** The rows [start, end) of the tail (added since the last regrouping) that match, by a plain scan. */
  private *tailSlices(prefix: string, days: Days, visit: (row: number) => void, start = this.grouped, end = this.size): Sliced<void> {
    const [eff, rec, regionOf, codes] = [this.eff.data, this.rec.data, this.region.data, this.regions.values];
    for (let i = start; i < end;) {
      for (const stop = Math.min(end, i + SLICE_ROWS); i < stop; i++) {
        const e = eff[i]!;
        if (e <= days.date && e >= days.from && rec[i]! <= days.recordedBy && codes[regionOf[i]!]!.startsWith(prefix)) visit(i);
      }
      yield;
    }
  }

  /** Row accessors for visitors. */
  regionOf = (i: number): number => this.region.data[i]!;
  cellOf = (i: number): number => this.cell.data[i]!;
  countOf = (i: number): number => this.count.data[i]!;
  keyOf = (i: number): number => this.key.data[i]!;
  causeOf = (i: number): Cause | undefined => CAUSES[this.cause.data[i]!];
  moveOf = (i: number): MoveDetail | undefined => (this.move.data[i]! >= 0 ? this.moves.values[this.move.data[i]!] : undefined);
  effMonthOf = (i: number): number => Math.floor((this.eff.data[i]! % 10_000) / 100);

  /**
   * Whether each region (by interned id) is urban-classed on `date`, applying the reclassifications in
   * force by then and recorded by `recordedBy` (all of them when null). The classes derived from the
   * names are computed once; only units under a reclassification in force are classed again, and the
   * result is memoised by the set of reclassifications in force (not by date: most dates share it).
   */
  urbanOn(date: string, recordedBy: string | null): Uint8Array {
    const known = this.reclassifications.filter((r) => r.class !== undefined && r.effectiveFrom <= date && (recordedBy === null || r.recordedOn <= recordedBy));
    const regions = this.regions.values;
    const key = `${regions.length}|${known.map((r) => `${r.code}:${r.class ?? ''}:${r.effectiveFrom}`).join(',')}`;
    const hit = this.urbanCache.get(key);
    if (hit) return hit;
    if (this.derived.length !== regions.length) {
      const catalog = regionCatalog();
      this.derived = Uint8Array.from(regions, (code) => {
        const cls = catalog.derivedClassOf(code);
        return cls !== undefined && isUrbanClass(cls) ? 1 : 0;
      });
    }
    const urban = Uint8Array.from(this.derived);
    if (known.length > 0) {
      regions.forEach((code, i) => {
        if (!known.some((r) => code.startsWith(regionPrefixOf(r.code)))) return;
        const cls = classOn(code, date, known);
        urban[i] = cls !== undefined && isUrbanClass(cls) ? 1 : 0;
      });
    }
    if (this.urbanCache.size > 64) this.urbanCache.clear();
    this.urbanCache.set(key, urban);
    return urban;
  }

  /** The interned id of a region code, if any delta names it. */
  regionIdOf(code: string): number | undefined {
    return this.regions.idOf(code);
  }

  private derived = new Uint8Array(0);
  private readonly urbanCache = new Map<string, Uint8Array>();
}
