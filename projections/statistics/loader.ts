import { type DataSource } from 'typeorm';
import { placeholder } from '../store/bulk';
import { type ReclassificationRow } from './view';
import { StatisticsCube } from './cube';
import { PUBLIC_SEED, type RecordKeySeed, recordKeyOf } from './record-keys';

interface Key { commit: string; prepare: string; seq: number }

const PAGE = 50_000;

/**
 * Keeps a `StatisticsCube` in step with the read store: the first `refresh` loads every delta (by key
 * pages, so memory holds only the columns), later ones load the deltas added since, and a rebuild's swap
 * (the checkpoint's generation changes) makes it start over. Each delta gets its record key (记录密钥) from
 * its row key under `seed` — no column stored: a reload or a rebuild gives the same keys. The API passes the
 * seed of its SDC secret; without one (the CLI, the benches: exact counts only) the public seed.
 */
export class StatisticsSource {
  private cube = new StatisticsCube();
  private last: Key | undefined;
  private generation: number | undefined;

  constructor(private readonly db: DataSource, private readonly seed: RecordKeySeed = PUBLIC_SEED, private readonly projector = 'views') {}

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
    const rows: { generation: number }[] = await this.db.query(`SELECT generation FROM projection_checkpoints WHERE projector = ${placeholder(this.db, 1)}`, [this.projector]);
    return Number(rows[0]?.generation ?? 0);
  }

  private async loadDeltas(): Promise<void> {
    if (this.db.options.type === 'postgres') return this.loadPages();
    // SQLite: one statement streamed row by row (better-sqlite3's iterate, rows as arrays), from the last commit loaded.
    const connection = (this.db.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
    const after = this.last;
    const statement = connection.prepare(`SELECT ${COLUMNS} FROM view_stat_deltas WHERE event_commit >= ? ORDER BY event_commit, event_prepare, seq`).raw(true);
    for (const row of statement.iterate(after ? Number(after.commit) : 0) as Iterable<Row>) {
      if (after && !isAfter(row, after)) continue;
      this.take(row);
    }
  }

  /** PostgreSQL: pages by key (a row comparison PostgreSQL answers from the primary key's index). */
  private async loadPages(): Promise<void> {
    for (;;) {
      const after = this.last;
      const where = after ? 'WHERE (event_commit, event_prepare, seq) > ($1, $2, $3)' : '';
      const rows = await this.db.query<Record<string, string | number | null>[]>(
        `SELECT ${COLUMNS} FROM view_stat_deltas ${where} ORDER BY event_commit, event_prepare, seq LIMIT ${PAGE}`, after ? [after.commit, after.prepare, after.seq] : []);
      for (const r of rows) this.take(COLUMN_NAMES.map((c) => r[c]!));
      if (rows.length < PAGE) return;
    }
  }

  private take(r: Row): void {
    this.cube.add({
      measure: String(r[3]), regionCode: String(r[4]), sex: String(r[5]), birthYear: Number(r[6]), regType: String(r[7]), origType: String(r[8]),
      effDate: String(r[9]), recDate: String(r[10]), n: Number(r[11]), cause: String(r[12]), category: r[13] === null ? null : String(r[13]),
      ruleId: r[14] === null ? null : String(r[14]), otherRegion: r[15] === null ? null : String(r[15]),
      key: recordKeyOf(this.seed, Number(r[0]), Number(r[1]), Number(r[2])),
    });
    this.last = { commit: String(r[0]), prepare: String(r[1]), seq: Number(r[2]) };
  }
}

/** The columns in the order `take` reads them. */
const COLUMN_NAMES = ['event_commit', 'event_prepare', 'seq', 'measure', 'region_code', 'sex', 'birth_year', 'reg_type', 'orig_type', 'eff_date', 'rec_date', 'n', 'cause', 'category', 'rule_id', 'other_region'] as const;
const COLUMNS = COLUMN_NAMES.join(', ');
type Row = readonly (string | number | null)[];

/** The slice of better-sqlite3's API the loader uses. */
interface SqliteConnection {
  prepare(sql: string): { raw(on: boolean): { iterate(...params: unknown[]): IterableIterator<unknown> } };
}

const isAfter = (r: Row, k: Key): boolean => {
  const [commit, prepare, seq] = [BigInt(r[0]!), BigInt(r[1]!), Number(r[2])];
  const [kc, kp] = [BigInt(k.commit), BigInt(k.prepare)];
  return commit !== kc ? commit > kc : prepare !== kp ? prepare > kp : seq > k.seq;
};
