import fc from 'fast-check';
import { type HouseholdEvent } from '../../../../events';
import { type HouseholdCommand, householdDecider } from '../../src/household/household';
import { isDomainError } from '../../src/shared/errors';
import { type Fact, factOf } from '../../src/shared/time';
import { NOW } from './support';

const time = fc.integer({ min: 0, max: 6_300 }).map((d) => ({ effectiveDate: new Date(Date.UTC(2010, 0, 1 + d)).toISOString().slice(0, 10), now: NOW }));
const people = fc.subarray(['p-1', 'p-2', 'p-3']);

const command: fc.Arbitrary<HouseholdCommand> = fc.oneof(
  time.map((t): HouseholdCommand => ({ type: 'EstablishHousehold', householdId: 'h-1', kind: 'family', regionCode: '410105001001', address: '经三路1号', ...t })),
  fc.tuple(time, fc.constantFrom('p-1', 'p-2', 'p-4'), people).map(([t, newHead, members]): HouseholdCommand => ({ type: 'ChangeHouseholdHead', newHead, members, reason: 'family-decision', ...t })),
  fc.tuple(time, fc.constantFrom('410105001001', '410105001002', 'x')).map(([t, regionCode]): HouseholdCommand => ({ type: 'ChangeHouseholdAddress', address: `路${regionCode}`, regionCode, ...t })),
  fc.tuple(time, fc.integer({ min: 0, max: 2 })).map(([t, memberCount]): HouseholdCommand => ({ type: 'DissolveHousehold', memberCount, reason: 'no-members', ...t })),
);

describe('household decider: invariants over random command sequences', () => {
  it('Given any sequence, Then it is established once, nothing follows dissolution, a new head is a member, only an empty household is dissolved, and no fact precedes the one before it', () => {
    fc.assert(fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
      let state = householdDecider.initialState();
      const timeline: Fact[] = [];
      let established = 0;
      let dissolved = false;
      for (const c of commands) {
        let events: readonly HouseholdEvent[] = [];
        try { events = householdDecider.decide(c, state, timeline); } catch (e) { if (!isDomainError(e)) throw e; }
        for (const e of events) {
          expect(timeline.filter((f) => f.effectiveDate > c.effectiveDate)).toEqual([]);
          timeline.push(factOf('household-h-1', e, timeline.length, c.effectiveDate));
          expect(dissolved).toBe(false);
          if (e.type === 'HouseholdEstablished') established++;
          if (e.type === 'HouseholdHeadChanged') expect(c.type === 'ChangeHouseholdHead' && c.members.includes(e.data.newHead)).toBe(true);
          if (e.type === 'HouseholdDissolved') { expect(c.type === 'DissolveHousehold' && c.memberCount).toBe(0); dissolved = true; }
          if (e.type === 'HouseholdAddressChanged') expect(e.data.regionCode).toMatch(/^\d{12}$/);
          state = householdDecider.evolve(state, e);
        }
      }
      expect(established).toBeLessThanOrEqual(1);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) });
  });
});
