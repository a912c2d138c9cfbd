import { type DataSource } from 'typeorm';
import { placeholder } from '../store/bulk';
import { type AuditPersonRow, type HouseholdChange } from './view';

/**
 * The rules that flag a registered person as "should be deregistered but is not" (应销未销; 郴政发〔2016〕1号:
 * 全面排查应销未销户口人员信息):
 * - `AGE_100_PLUS`: aged 100 or more on the date — survival to be verified (百岁以上人员核查);
 * - `DUPLICATE_IDENTITY`: another registered record has the same name, sex and date of birth (一人多户, 重复户口);
 * - `DISSOLVED_HOUSEHOLD`: registered in a household the registry shows as dissolved.
 */
export type CandidateRule = 'AGE_100_PLUS' | 'DUPLICATE_IDENTITY' | 'DISSOLVED_HOUSEHOLD';

export interface DeregistrationCandidate {
  readonly citizenId: string;
  readonly householdId: string;
  readonly regionCode: string;
  readonly rule: CandidateRule;
  readonly detail: string;
}

const hundredYearsBefore = (date: string): string => `${String(Number(date.slice(0, 4)) - 100).padStart(4, '0')}${date.slice(4)}`;

/** 应销未销 candidates within a region prefix, as of a date (the age rule), each with the rule that flagged it. */
export const deregistrationCandidates = async (db: DataSource, options: { readonly asOf: string; readonly region?: string }): Promise<DeregistrationCandidate[]> => {
  const region = options.region ?? '';
  const rows = async (sql: string, params: unknown[] = []) => (await db.query<{ data: string; extra: string | null }[]>(sql, params)).map((r) => ({ person: JSON.parse(r.data) as AuditPersonRow, extra: r.extra }));
  const old = await rows(`SELECT data, date_of_birth AS extra FROM view_audit_persons WHERE status = 'registered' AND date_of_birth <= ${placeholder(db, 1)}`, [hundredYearsBefore(options.asOf)]);
  const twins = await rows(`SELECT data, identity_key AS extra FROM view_audit_persons WHERE status = 'registered' AND identity_key IN (
    SELECT identity_key FROM view_audit_persons WHERE status = 'registered' GROUP BY identity_key HAVING COUNT(*) > 1)`);
  const orphans = await rows(`SELECT p.data AS data, h.household_id AS extra FROM view_audit_persons p JOIN view_households h ON h.household_id = p.household_id
    WHERE p.status = 'registered' AND h.status = 'dissolved'`);
  const out: DeregistrationCandidate[] = [
    ...old.map(({ person, extra }) => ({ person, rule: 'AGE_100_PLUS' as const, detail: `born ${extra ?? '?'}, 100 or older on ${options.asOf}` })),
    ...twins.map(({ person }) => ({ person, rule: 'DUPLICATE_IDENTITY' as const, detail: `another registered record has the same name, sex and date of birth (${person.dateOfBirth})` })),
    ...orphans.map(({ person, extra }) => ({ person, rule: 'DISSOLVED_HOUSEHOLD' as const, detail: `household ${extra ?? '?'} is dissolved` })),
  ].filter((c) => c.person.regionCode.startsWith(region)).map(({ person, rule, detail }) => ({ citizenId: person.citizenId, householdId: person.householdId, regionCode: person.regionCode, rule, detail }));
  return out.sort((a, b) => a.rule.localeCompare(b.rule) || a.citizenId.localeCompare(b.citizenId));
};

/** One entry of a household's history, pointing at the event (stream and revision) for the full, attributed record. */
export interface HouseholdHistoryEntry {
  readonly position: string;
  readonly change: HouseholdChange;
  readonly citizenId: string | null;
  readonly eventType: string;
  readonly stream: string;
  readonly revision: number;
  readonly effectiveDate: string;
  readonly recordedAt: string;
}

/** 户历史: a household's own events and its members joining and leaving, in log order. */
export const householdHistory = async (db: DataSource, householdId: string): Promise<HouseholdHistoryEntry[]> => {
  const rows = await db.query<Record<string, string | number | null>[]>(
    `SELECT event_commit, event_prepare, change, citizen_id, event_type, stream, revision, eff_date, recorded_at FROM view_audit_household_entries
     WHERE household_id = ${placeholder(db, 1)} ORDER BY event_commit, event_prepare, seq`, [householdId]);
  return rows.map((r) => ({
    position: String(r.event_commit) === String(r.event_prepare) ? String(r.event_commit) : `${String(r.event_commit)}/${String(r.event_prepare)}`,
    change: r.change as HouseholdChange, citizenId: r.citizen_id === null ? null : String(r.citizen_id), eventType: String(r.event_type), stream: String(r.stream),
    revision: Number(r.revision), effectiveDate: String(r.eff_date), recordedAt: String(r.recorded_at),
  }));
};
