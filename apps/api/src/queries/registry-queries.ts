import { householdStream, personStream } from '../../../../events';
import { formatPosition, type Position } from '../../../../libs/event-store/src';
import { placeholder } from '../../../../projections/store/bulk';
import { type MembershipRow } from '../../../../projections/views/memberships';
import { type Principal } from '../auth/jwt';
import { assertVisibleHousehold, assertVisiblePerson, householdStateOf, personStateOf } from '../commands/context';
import { type RegistryRuntime } from '../runtime';

/**
 * 人口信息 / 户信息 as the registry holds them now. A person (and a household's own facts) is folded from
 * its stream — always current, with the stream revision as ETag; a household's members come from the
 * memberships view, with the position the views had reached.
 */
export class RegistryQueries {
  constructor(private readonly runtime: RegistryRuntime) {}

  async person(principal: Principal, citizenId: string): Promise<Record<string, unknown>> {
    const stored = await this.runtime.store.readStream(personStream(citizenId));
    const state = personStateOf(stored);
    assertVisiblePerson(principal, citizenId, state);
    const last = stored.at(-1)!;
    return { ...state, revision: last.revision, position: formatPosition(last.position), updatedAt: last.recordedAt.toISOString() };
  }

  async household(principal: Principal, householdId: string, after?: Position): Promise<Record<string, unknown>> {
    await this.runtime.viewsAt(after);
    const stored = await this.runtime.store.readStream(householdStream(householdId));
    const state = householdStateOf(stored);
    assertVisibleHousehold(principal, householdId, state);
    const db = this.runtime.views;
    const rows = await db.query<{ data: string }[]>(`SELECT data FROM view_memberships WHERE household_id = ${placeholder(db, 1)} AND status = 'member' ORDER BY citizen_id`, [householdId]);
    const members = rows.map((r) => JSON.parse(r.data) as MembershipRow).map((m) => ({ citizenId: m.citizenId, relationToHead: m.relationToHead, since: m.since }));
    const last = stored.at(-1)!;
    return { ...state, members, revision: last.revision, position: formatPosition(last.position), membersAsOfPosition: this.runtime.projected ?? null };
  }
}
