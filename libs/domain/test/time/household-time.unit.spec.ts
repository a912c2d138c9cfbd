import { type HouseholdCommand, householdDecider } from '../../src/household/household';
import { jurisdictionDecider } from '../../src/jurisdiction/jurisdiction';
import { isDomainError } from '../../src/shared/errors';
import { type Fact, factOf } from '../../src/shared/time';
import { citizenIdFor, NOW } from '../deciders/support';

/** 时间顺序 on household and jurisdiction streams (events/README.md, "The order of time"). */
const on = (effectiveDate: string) => ({ effectiveDate, now: NOW }) as const;
const decide = (commands: readonly HouseholdCommand[], last: HouseholdCommand) => {
  let state = householdDecider.initialState();
  const timeline: Fact[] = [];
  for (const c of commands) for (const e of householdDecider.decide(c, state, timeline)) {
    state = householdDecider.evolve(state, e);
    timeline.push(factOf('household-h-1', e, timeline.length, c.effectiveDate));
  }
  try {
    return { events: householdDecider.decide(last, state, timeline) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { kind: error.kind, code: error.code, facts: error.problems.map((p) => p.fact) };
  }
};
const HEAD = citizenIdFor('410105', '1980-01-01', 11);
const establish: HouseholdCommand = { type: 'EstablishHousehold', householdId: 'h-1', kind: 'family', regionCode: '410105001001', address: '经三路1号', ...on('2010-01-01') };
const established = { stream: 'household-h-1', event: 'HouseholdEstablished', revision: 0, effectiveDate: '2010-01-01' };

describe('the order of time on a household\'s stream', () => {
  it('Given a household established 2010-01-01, When its address, head or dissolution is dated before, Then TIME.ORDER naming the establishment', () => {
    expect(decide([establish], { type: 'ChangeHouseholdAddress', address: '新址', regionCode: '410105001002', ...on('2009-12-31') })).toMatchObject({ kind: 'illegal-state', code: 'TIME.ORDER', facts: [established] });
    expect(decide([establish], { type: 'ChangeHouseholdHead', newHead: HEAD, members: [HEAD], reason: 'family-decision', ...on('2009-12-31') })).toMatchObject({ code: 'TIME.ORDER', facts: [established] });
    expect(decide([establish], { type: 'DissolveHousehold', memberCount: 0, reason: 'no-members', ...on('2009-12-31') })).toMatchObject({ code: 'TIME.ORDER', facts: [established] });
  });

  it('Given a head who joined on 2015-05-01, When named head before that, Then TIME.ORDER naming the joining (their own stream\'s fact)', () => {
    const joined = { stream: `person-${HEAD}`, event: 'HukouMigrated', revision: 2, effectiveDate: '2015-05-01' };
    const change: HouseholdCommand = { type: 'ChangeHouseholdHead', newHead: HEAD, members: [HEAD], reason: 'family-decision', newHeadJoined: joined, ...on('2015-04-30') };
    expect(decide([establish], change)).toMatchObject({ code: 'TIME.ORDER', facts: [joined] });
    expect(decide([establish], { ...change, ...on('2015-05-01') }).events?.[0]?.type).toBe('HouseholdHeadChanged');
  });

  it('Given the last member left on 2020-02-02, When the household is dissolved before that, Then TIME.ORDER naming the departure', () => {
    const left = { stream: `person-${HEAD}`, event: 'HukouMigrated', revision: 3, effectiveDate: '2020-02-02' };
    expect(decide([establish], { type: 'DissolveHousehold', memberCount: 0, reason: 'no-members', lastDeparture: left, ...on('2020-02-01') })).toMatchObject({ code: 'TIME.ORDER', facts: [left] });
  });

  it('Given an address change on 2018-01-01, When another change is dated before it, Then TIME.ORDER naming it', () => {
    const moved: HouseholdCommand = { type: 'ChangeHouseholdAddress', address: '新址', regionCode: '410105001002', ...on('2018-01-01') };
    expect(decide([establish, moved], { type: 'ChangeHouseholdAddress', address: '旧址', regionCode: '410105001001', ...on('2017-12-31') })).toMatchObject({ facts: [{ ...established, event: 'HouseholdAddressChanged', revision: 1, effectiveDate: '2018-01-01' }] });
  });

  it('Given a head born 2011, When a household is established in 2010 with that head, Then refused', () => {
    expect(decide([], { ...establish, head: citizenIdFor('410105', '2011-01-01', 11) })).toMatchObject({ code: 'HOUSEHOLD.HEAD_NOT_BORN' });
  });
});

describe('the order of time on a jurisdiction\'s stream', () => {
  it('Given a unit reclassified from 2020-01-01, When it is reclassified again from an earlier date, Then TIME.ORDER; another unit is not bound by it', () => {
    const reclassify = (region: string, date: string) => ({ type: 'ReclassifyRegion', jurisdiction: '4101', region, class: '111', reason: '城区扩展', ...on(date) }) as const;
    const first = jurisdictionDecider.decide(reclassify('410105001001', '2020-01-01'), jurisdictionDecider.initialState(), []);
    const timeline = first.map((e, i) => factOf('jurisdiction-4101', e, i, '2020-01-01'));
    const state = first.reduce(jurisdictionDecider.evolve, jurisdictionDecider.initialState());
    expect(() => jurisdictionDecider.decide(reclassify('410105001001', '2019-06-01'), state, timeline)).toThrow(expect.objectContaining({ code: 'TIME.ORDER' }) as Error);
    expect(jurisdictionDecider.decide(reclassify('410105001002', '2019-06-01'), state, timeline)).toHaveLength(1);
  });
});
