import { type IsoDate } from '../shared/dates';

/** Something that happens to a unit on a day. */
export interface Act {
  readonly date: IsoDate;
  readonly run: (date: IsoDate) => void;
}

/** The acts still to come, earliest first; acts of one day in the order they were planned (an act may plan more). */
export class ActQueue {
  private readonly acts: { date: IsoDate; seq: number; run: (date: IsoDate) => void }[] = [];
  private seq = 0;

  constructor(initial: readonly Act[] = []) {
    for (const a of initial) this.push(a.date, a.run);
  }

  push(date: IsoDate, run: (date: IsoDate) => void): void {
    const item = { date, seq: this.seq++, run };
    let lo = 0;
    let hi = this.acts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.acts[mid]!.date <= date) lo = mid + 1;
      else hi = mid;
    }
    this.acts.splice(lo, 0, item);
  }

  /** The earliest act on or before `last`, taken off the queue; undefined when none is due. */
  popUntil(last: IsoDate): Act | undefined {
    const first = this.acts[0];
    if (!first || first.date > last) return undefined;
    this.acts.shift();
    return first;
  }
}
