import { type HouseholdEvent, type JurisdictionEvent } from '../../../../events';
import { type HouseholdCommand, householdDecider } from '../../src/household/household';
import { type JurisdictionCommand, jurisdictionDecider } from '../../src/jurisdiction/jurisdiction';
import { fold } from '../../src/shared/decider';
import { isDomainError } from '../../src/shared/errors';
import { NOW } from './support';

const at = { effectiveDate: '2026-11-01', now: NOW } as const;
const attempt = <E>(f: () => readonly E[]) => {
  try { return { events: f() }; } catch (e) { if (!isDomainError(e)) throw e; return { code: e.code, problems: e.problems.map((p) => p.code) }; }
};
const household = (given: readonly HouseholdEvent[], c: HouseholdCommand) => attempt(() => householdDecider.decide(c, fold(householdDecider, given), []));
const jurisdiction = (given: readonly JurisdictionEvent[], c: JurisdictionCommand) => attempt(() => jurisdictionDecider.decide(c, fold(jurisdictionDecider, given), []));

const establish: HouseholdCommand = { type: 'EstablishHousehold', householdId: 'h-1', kind: 'community-collective', regionCode: '410105001001', address: '金水区某社区公共户', ...at };
const established = household([], establish).events as HouseholdEvent[];

describe('household', () => {
  it('Given nothing, When a community collective household (社区公共户口) is established, Then HouseholdEstablished; again, Then HOUSEHOLD.ALREADY_EXISTS', () => {
    expect(established).toEqual([{ type: 'HouseholdEstablished', data: { householdId: 'h-1', kind: 'community-collective', regionCode: '410105001001', address: '金水区某社区公共户' } }]);
    expect(household(established, establish)).toMatchObject({ code: 'HOUSEHOLD.ALREADY_EXISTS' });
  });

  it('Given an empty address and a short region code, Then both problems are listed', () => {
    expect(household([], { ...establish, address: ' ', regionCode: '4101' }).problems).toEqual(['HOUSEHOLD.ADDRESS_REQUIRED', 'REGION.FORMAT']);
  });

  it('Given a household, When the head changes to a non-member, Then HOUSEHOLD.HEAD_NOT_MEMBER; to a member, Then HouseholdHeadChanged', () => {
    const change = { type: 'ChangeHouseholdHead', newHead: 'p-1', members: ['p-2'], reason: 'family-decision', ...at } as const;
    expect(household(established, change).problems).toContain('HOUSEHOLD.HEAD_NOT_MEMBER');
    expect(household(established, { ...change, members: ['p-1'] }).events?.[0]).toMatchObject({ type: 'HouseholdHeadChanged', data: { previousHead: null, newHead: 'p-1' } });
  });

  it('Given members left, When dissolved, Then HOUSEHOLD.HAS_MEMBERS; empty, Then dissolved and nothing more is accepted', () => {
    const dissolve = { type: 'DissolveHousehold', memberCount: 2, reason: 'no-members', ...at } as const;
    expect(household(established, dissolve)).toMatchObject({ code: 'HOUSEHOLD.HAS_MEMBERS' });
    const gone = [...established, ...(household(established, { ...dissolve, memberCount: 0 }).events as HouseholdEvent[])];
    expect(household(gone, { type: 'ChangeHouseholdAddress', address: 'x', regionCode: '410105001002', ...at })).toMatchObject({ code: 'HOUSEHOLD.DISSOLVED' });
  });
});

describe('jurisdiction', () => {
  const cutover: JurisdictionCommand = { type: 'DeclareUnificationCutover', jurisdiction: '23', cutoverDate: '2014-11-01', documentNo: '黑政发〔2014〕25号', ...at };
  const declared = jurisdiction([], cutover).events as JurisdictionEvent[];

  it('Given a declared cut-over, When declared again the same, Then nothing (idempotent); differently, Then UNIFICATION.ALREADY_DECLARED', () => {
    expect(declared).toHaveLength(1);
    expect(jurisdiction(declared, cutover).events).toEqual([]);
    expect(jurisdiction(declared, { ...cutover, cutoverDate: '2015-01-01' })).toMatchObject({ code: 'UNIFICATION.ALREADY_DECLARED' });
  });

  it('Given a reclassification outside the jurisdiction with nothing to change, Then both problems; inside, Then RegionReclassified from the effective date', () => {
    expect(jurisdiction([], { type: 'ReclassifyRegion', jurisdiction: '4101', region: '410222', reason: 'x', ...at }).problems).toEqual(['REGION.OUTSIDE_JURISDICTION', 'REGION.NOTHING_TO_CHANGE']);
    expect(jurisdiction([], { type: 'ReclassifyRegion', jurisdiction: '4101', region: '410122100', class: '121', reason: '撤乡设镇', ...at }).events?.[0]).toMatchObject({ data: { effectiveFrom: '2026-11-01', class: '121' } });
  });

  it('Given a future effective date, When any jurisdiction command is decided, Then DATE.EFFECTIVE_IN_FUTURE', () => {
    expect(jurisdiction([], { ...cutover, effectiveDate: '2027-01-01' })).toMatchObject({ code: 'DATE.EFFECTIVE_IN_FUTURE' });
  });
});
