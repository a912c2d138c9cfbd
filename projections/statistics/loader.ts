import { type DataSource } from 'typeorm';
import { type ReclassificationRow } from './view';
import { StatisticsCube } from './cube';

interface Key { commit: string; prepare: string; seq: number }

const PAGE = 50_000;

/**
 * Keeps a `StatisticsCube` in step with the read store: the first `refresh` loads every delta (by key
 * pages, so memory holds only the columns), later ones load the deltas added since, and a rebuild's swap
 * (the checkpoint's generation changes) makes it start over.
 */
export class StatisticsSource {
  private cube = new StatisticsCube();
  private last: Key | undefined;
  private generation: number | undefined;

  constructor(private readonly db: DataSource, private readonly projector = 'views') {}

  /** Brings the cube up to date and returns it. */
  async refresh(): Promise<StatisticsCube> {
    const generation = await this.currentGeneration();
    if (generation !== this.generation) {
      this.cube = new StatisticsCube();
      this.last = undefined;
      this.generation = generation;
    }
    const before = this.cube.size;
    await this.loadDeltas();
    const reclassifications: { data: string }[] = await this.db.query('SELECT data FROM view_reclassifications');
    this.cube.reclassifications = reclassifications.map((r) => JSON.parse(r.data) as ReclassificationRow).filter((r) => r.class !== null).map((r) => ({ code: r.code, class: r.class as never, effectiveFrom: r.effectiveFrom, recordedOn: r.recordedOn }));
    if (before === 0 || this.cube.tailIsLarge) this.cube.regroup();
    return this.cube;
  }

  private async currentGeneration(): Promise<number> {
    const rows: { generation: number }[] = await this.db.query(`SELECT generation FROM projection_checkpoints WHERE projector = ${this.mark(1)}`, [this.projector]);
    return Number(rows[0]?.generation ?? 0);
  }

  private mark(n: number): string {
    return this.db.options.type === 'postgres' ? `$${n}` : '?';
  }

  private async loadDeltas(): Promise<void> {
    const columns = 'event_commit, event_prepare, seq, measure, region_code, sex, birth_year, reg_type, orig_type, eff_date, rec_date, n, cause, category, rule_id, other_region';
    for (;;) {
      const after = this.last;
      const pg = this.db.options.type === 'postgres';
      const where = after ? `WHERE (event_commit, event_prepare, seq) > (${this.mark(1)}, ${this.mark(2)}, ${this.mark(3)})` : '';
      const params = after ? (pg ? [after.commit, after.prepare, after.seq] : [Number(after.commit), Number(after.prepare), after.seq]) : [];
      const rows: Record<string, string | number | null>[] = await this.db.query(`SELECT ${columns} FROM view_stat_deltas ${where} ORDER BY event_commit, event_prepare, seq LIMIT ${PAGE}`, params);
      for (const r of rows) {
        this.cube.add({
          measure: String(r.measure), regionCode: String(r.region_code), sex: String(r.sex), birthYear: Number(r.birth_year), regType: String(r.reg_type), origType: String(r.orig_type),
          effDate: String(r.eff_date), recDate: String(r.rec_date), n: Number(r.n), cause: String(r.cause), category: r.category === null ? null : String(r.category),
          ruleId: r.rule_id === null ? null : String(r.rule_id), otherRegion: r.other_region === null ? null : String(r.other_region),
        });
      }
      const tail = rows[rows.length - 1];
      if (tail) this.last = { commit: String(tail.event_commit), prepare: String(tail.event_prepare), seq: Number(tail.seq) };
      if (rows.length < PAGE) return;
    }
  }
}
