import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { personStream } from '../../../../events';
import { personDecider } from '../../../../libs/domain/src/person/decide';
import { legalDateOf } from '../../../../libs/domain/src/shared/dates';
import { isDomainError } from '../../../../libs/domain/src/shared/errors';
import { handleCommand, timelineOf } from '../../../../libs/registry/src/command-loop';
import { unificationDateFor } from '../../../../libs/domain/src/person/time-order';
import { placeholder } from '../../../../projections/store/bulk';
import { type Principal } from '../auth/jwt';
import { isUniqueViolation } from '../../../../projections/projector';
import { ApiError } from '../http/problem';
import { errorFields, logLine } from '../ops/log';
import { type RegistryRuntime } from '../runtime';

/** A job as its route shows it. */
export interface JobView {
  readonly id: string;
  readonly kind: 'unification';
  readonly params: { readonly prefix: string; readonly effectiveDate: string | null; readonly actor: string; readonly office: string; readonly correlationId: string };
  readonly status: 'running' | 'done' | 'failed';
  /** The last citizen id handled: the job resumes after it. */
  readonly cursor: string;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly error: string | null;
}

const PAGE = 500;
type Row = Record<string, string | number | null>;

const viewOf = (r: Row): JobView => ({
  id: String(r.id), kind: 'unification', params: JSON.parse(String(r.params)) as JobView['params'], status: r.status as JobView['status'], cursor: String(r.cursor_key),
  done: Number(r.done), skipped: Number(r.skipped), failed: Number(r.failed), createdAt: String(r.created_at), updatedAt: String(r.updated_at), error: r.error === null ? null : String(r.error),
});

/**
 * 统一登记 of a whole jurisdiction as a job: it walks the persons registered under the prefix in citizen-id
 * order and unifies each non-resident one through the command loop (one event per person, on the person's
 * stream). Its cursor and counts are saved after each page, so it resumes after a restart where it was;
 * starting it again returns the same job (the id is the jurisdiction's; a failed one resumes), and unifying a person twice
 * appends nothing, so it is idempotent end to end.
 */
export class UnificationJobs {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stop = new AbortController();

  constructor(private readonly runtime: RegistryRuntime) {}

  private get db(): DataSource {
    return this.runtime.views;
  }

  private p(n: number): string {
    return placeholder(this.db, n);
  }

  async get(id: string): Promise<JobView> {
    const rows = await this.db.query<Row[]>(`SELECT * FROM api_jobs WHERE id = ${this.p(1)}`, [id]);
    if (!rows[0]) throw new ApiError(404, 'JOB.NOT_FOUND', `no job ${id}`);
    return viewOf(rows[0]);
  }

  /** Starts the jurisdiction's job, or returns it if it exists (resuming it if it was interrupted). */
  async start(principal: Principal, prefix: string, effectiveDate: string | undefined): Promise<JobView> {
    const id = `unification-${prefix}`;
    const now = new Date().toISOString();
    const params = { prefix, effectiveDate: effectiveDate ?? null, actor: principal.subject, office: principal.office, correlationId: randomUUID() };
    try {
      await this.db.query(`INSERT INTO api_jobs (id, kind, params, status, cursor_key, done, skipped, failed, created_at, updated_at, error) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => this.p(n)).join(', ')})`,
        [id, 'unification', JSON.stringify(params), 'running', '', 0, 0, 0, now, now, null]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // otherwise it exists: the same job (idempotent start)
    }
    let job = await this.get(id);
    if (job.status === 'failed') {
      // A failed job resumes from its cursor when started again.
      await this.save(id, { status: 'running', error: null });
      job = await this.get(id);
    }
    if (job.status === 'running') this.launch(job);
    return job;
  }

  /** Resumes every job left running by a previous process. */
  async resumeAll(): Promise<void> {
    const rows = await this.db.query<Row[]>(`SELECT * FROM api_jobs WHERE status = 'running'`);
    for (const r of rows) this.launch(viewOf(r));
  }

  /** Waits for a job's run in this process to end (tests, shutdown). */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  private launch(job: JobView): void {
    if (this.running.has(job.id)) return;
    const run = this.run(job).catch(async (error: unknown) => {
      logLine('error', 'job failed', { job: job.id, ...errorFields(error) });
      await this.save(job.id, { status: 'failed', error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    }).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
  }

  private async save(id: string, fields: Partial<Record<'status' | 'cursor_key' | 'done' | 'skipped' | 'failed' | 'error', string | number | null>>): Promise<void> {
    const entries = Object.entries(fields);
    await this.db.query(`UPDATE api_jobs SET ${entries.map(([k], i) => `${k} = ${this.p(i + 1)}`).join(', ')}, updated_at = ${this.p(entries.length + 1)} WHERE id = ${this.p(entries.length + 2)}`,
      [...entries.map(([, v]) => v), new Date().toISOString(), id]);
  }

  private async run(job: JobView): Promise<void> {
    let { cursor, done, skipped, failed } = job;
    let lastError: string | null = job.error;
    const { prefix } = job.params;
    const metadata = { actor: { id: job.params.actor.slice(0, 64), role: 'admin' as const, office: job.params.office.slice(0, 64) }, correlationId: job.params.correlationId };
    while (!this.stop.signal.aborted) {
      const rows = await this.db.query<{ citizen_id: string; region_code: string }[]>(
        `SELECT citizen_id, region_code FROM view_persons WHERE region_code >= ${this.p(1)} AND region_code < ${this.p(2)} AND status = 'registered' AND citizen_id > ${this.p(3)} ORDER BY citizen_id LIMIT ${PAGE}`,
        [prefix, `${prefix}~`, cursor]);
      if (rows.length === 0) break;
      for (const row of rows) {
        const cut = await this.runtime.contexts.cutoverFor(row.region_code);
        const stream = personStream(row.citizen_id);
        const effectiveDate = job.params.effectiveDate ?? (cut.cutoverDate ? unificationDateFor(cut.cutoverDate, timelineOf(await this.runtime.store.readStream(stream))) : legalDateOf(new Date()));
        try {
          const outcome = await handleCommand(this.runtime.store, stream, personDecider, {
            type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: cut.cutoverDate, prefix: cut.prefix ?? prefix, documentNo: cut.documentNo ?? '' }, effectiveDate, now: new Date(),
          }, metadata);
          if (outcome.events.length > 0) done++;
          else skipped++;
        } catch (error) {
          if (!isDomainError(error)) throw error;
          failed++;
          lastError = `${row.citizen_id}: ${error.code}`;
        }
        cursor = row.citizen_id;
      }
      await this.save(job.id, { cursor_key: cursor, done, skipped, failed, error: lastError });
    }
    if (!this.stop.signal.aborted) await this.save(job.id, { status: 'done' });
  }

  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all([...this.running.values()]);
  }
}
