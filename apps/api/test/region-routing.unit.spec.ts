import { type NewEvent } from '../../../libs/event-store/src';
import { openMemoryEventStore } from '../../../libs/event-store/src/open-event-store';
import { EMPTY_TIMELINE, extendTimeline, RegionHistory, regionAtRevision, routedUnder } from '../src/events/region-history';
import { regionsOf, type Routable, underPrefix } from '../src/events/region-routing';

const A = '410102001002';
const B = '410105001003';
const PERSON = 'person-410102202005011234';
const META = { schemaVersion: 1, effectiveDate: '2020-01-01', actor: { id: 't', role: 'registrar', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000000' };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ type, data: data as NewEvent['data'], metadata: META });

const born = event('BirthRegistered', { citizenId: '410102202005011234', householdId: 'h-a', regionCode: A, placeOfBirth: A });
const renewed = event('ResidencePermitRenewed', { citizenId: '410102202005011234', permitNo: 'P-1', validUntil: '2030-01-01' });
const moved = event('HukouMigrated', { citizenId: '410102202005011234', from: { householdId: 'h-a', regionCode: A }, to: { householdId: 'h-b', regionCode: B } });
const corrected = event('RecordCorrected', { citizenId: '410102202005011234', field: 'sex', previous: 'male', corrected: 'female', reason: 'r', evidence: [] });

const routable = (stream: string, revision: number, e: NewEvent): Routable => ({ stream, revision, type: e.type, data: e.data });
const nowhere = (): undefined => undefined;

describe('region routing (按区域投递): by the log up to each event', () => {
  it('Given events of each kind, Then a jurisdiction goes by its prefix, an address change by its old and new region, a move by both ends, an event naming none by its stream\'s region then', () => {
    const at = (stream: string, revision: number) => `${stream}@${revision}`;
    expect(regionsOf(routable('jurisdiction-4101', 0, event('UnificationCutoverDeclared', { jurisdiction: '4101' })), at)).toEqual(['4101']);
    expect(regionsOf(routable('household-h', 1, event('HouseholdAddressChanged', { householdId: 'h', previousRegionCode: A, regionCode: B })), at).sort()).toEqual([A, B]);
    expect(regionsOf(routable(PERSON, 2, moved), at).sort()).toEqual([A, B]);
    expect(regionsOf(routable('household-h', 4, event('HouseholdDissolved', { householdId: 'h', reason: 'no-members' })), at)).toEqual(['household-h@4']);
    expect(regionsOf(routable(PERSON, 3, corrected), at)).toEqual([`${PERSON}@3`]);
    expect(regionsOf(routable(PERSON, 0, corrected), nowhere)).toEqual([]);
  });

  it('Given a filter prefix, Then a code under it matches, and so does a jurisdiction prefix that covers it', () => {
    const under = underPrefix('410102');
    expect([A, B, '4101', '41', '4102'].map(under)).toEqual([true, false, true, true, false]);
  });

  it('Given a birth in A, a renewal, a move to B and a correction, When the timeline is folded, Then the region is A up to the move and B from it', () => {
    const timeline = extendTimeline(EMPTY_TIMELINE, [born, renewed, moved, corrected].map((e, revision) => ({ revision, type: e.type, data: e.data })));
    expect(timeline).toEqual({ through: 3, changes: [{ revision: 0, region: A }, { revision: 2, region: B }] });
    expect([0, 1, 2, 3].map((r) => regionAtRevision(timeline, r))).toEqual([A, A, B, B]);
  });

  it('Given a person who moved later, When a page of their earlier events is routed under A and under B, Then the earlier events stay under A', async () => {
    const store = openMemoryEventStore();
    await store.appendToStream(PERSON, [born, renewed, moved, corrected]);
    const history = new RegionHistory((stream, fromRevision) => store.readStream(stream, { fromRevision }));
    const page = [routable(PERSON, 1, renewed), routable(PERSON, 3, corrected)];
    expect((await routedUnder(history, page, '410102')).map((e) => e.revision)).toEqual([1]);
    expect((await routedUnder(history, page, '410105')).map((e) => e.revision)).toEqual([3]);
    await store.close();
  });

  it('Given a stream folded once, When it is asked again up to a revision already read, Then the log is not read again; a later revision reads only what is new', async () => {
    const store = openMemoryEventStore();
    await store.appendToStream(PERSON, [born, renewed]);
    const reads: number[] = [];
    const history = new RegionHistory((stream, fromRevision) => {
      reads.push(fromRevision);
      return store.readStream(stream, { fromRevision });
    });
    await Promise.all([history.through(PERSON, 1), history.through(PERSON, 0)]);
    await history.through(PERSON, 1);
    await store.appendToStream(PERSON, [moved]);
    expect(regionAtRevision(await history.through(PERSON, 2), 2)).toBe(B);
    expect(reads).toEqual([0, 2]);
    await store.close();
  });

  it('Given a bound on the change points held, When more streams are folded, Then the least recently used go and the bound holds', async () => {
    const store = openMemoryEventStore();
    const streams = ['person-1', 'person-2', 'person-3', 'person-4'];
    for (const s of streams) await store.appendToStream(s, [born, moved]);
    const history = new RegionHistory((stream, fromRevision) => store.readStream(stream, { fromRevision }), 7);
    for (const s of streams) await history.through(s, 1);
    expect(history.size).toEqual({ streams: 2, weight: 6 });
    await store.close();
  });
});
