import { type NewEvent } from '../../../libs/event-store/src';
import { type Api, birthRequest, householdRequest, OTHER_VILLAGE, settlementRequest, startApi, VILLAGE } from './harness';
import { readEvents } from './sse';

const META = { schemaVersion: 1, effectiveDate: '2020-01-01', actor: { id: 'bulk', role: 'import', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000000' };
/** 1,200 address changes of a household in OTHER_VILLAGE: the SSE pages of 1,000 over them are full, so they are cached. */
const bulk = Array.from({ length: 1_200 }, (_, i): NewEvent => (i === 0
  ? { type: 'HouseholdEstablished', data: { householdId: 'r-bulk', kind: 'family', regionCode: OTHER_VILLAGE, address: 'x' }, metadata: META }
  : { type: 'HouseholdAddressChanged', data: { householdId: 'r-bulk', previousAddress: `x${i - 1}`, address: `x${i}`, previousRegionCode: OTHER_VILLAGE, regionCode: OTHER_VILLAGE }, metadata: META }));

interface Delivered { hujiposition: string; type: string; source: string; subject: string; data: Record<string, unknown> }

describe('GET /events?region=: each event routed by the region in force at its position', () => {
  let api: Api;
  let registrar: string;
  let subscriber: string;
  let person: string;
  let marker: string;

  /** The JSON pages of a region from the start up to the marker household, chained with `next`. */
  const pages = async (region: string): Promise<Delivered[]> => {
    const seen: Delivered[] = [];
    for (let from = '0'; ;) {
      const r = await api.call('GET', `/events?from=${from}&limit=1000&region=${region}`, { token: subscriber });
      expect(r.status).toBe(200);
      seen.push(...r.body.events);
      if (r.body.isEnd) break;
      from = r.body.next;
    }
    return seen.filter((e) => Number(e.hujiposition) <= Number(marker));
  };
  /** The same range and filter as an SSE stream (its first page comes from the page cache when filled before). */
  const stream = async (region: string): Promise<Delivered[]> => {
    const frames = await readEvents(`${api.url}/events?region=${region}`, { authorization: `Bearer ${subscriber}` }, (f) => f.some((x) => x.id === marker));
    return frames.map((f) => JSON.parse(f.data) as Delivered).filter((e) => Number(e.hujiposition) <= Number(marker));
  };
  const types = (events: readonly Delivered[]) => events.map((e) => e.type.replace(/^huji\.|\.v\d+$/g, ''));

  beforeAll(async () => {
    api = await startApi(); // seeded: the settlement policies a move needs
    registrar = api.token('registrar');
    subscriber = api.token('subscriber', { sub: 'region-reader' });
    const post = (path: string, body: unknown) => api.call('POST', path, { token: registrar, body });
    for (const [id, region] of [['r-a', VILLAGE], ['r-b', OTHER_VILLAGE], ['r-head', VILLAGE], ['r-gone', VILLAGE]] as const) expect((await post('/households', householdRequest(id, region))).status).toBe(201);
    person = (await post('/persons/births', birthRequest('r-a', { dateOfBirth: '1990-03-03' }))).body.id;
    expect((await post(`/persons/${person}/corrections`, { field: 'sex', corrected: 'female', reason: '登记错误', evidence: ['E-1'] })).status).toBe(200);
    const head = (await post('/persons/births', birthRequest('r-head', { relationToHead: 'head' }))).body.id;
    expect((await api.call('PUT', '/households/r-head/head', { token: registrar, body: { newHead: head, reason: 'family-decision' } })).status).toBe(200);
    expect((await api.call('PUT', '/households/r-gone/address', { token: registrar, body: { address: '新址 1号', regionCode: OTHER_VILLAGE } })).status).toBe(200);
    expect((await post('/households/r-gone/dissolution', { reason: 'no-members' })).status).toBe(200);
    await api.runtime.store.appendToStream('household-r-bulk', bulk, { expectedRevision: 'no_stream' });
    // The last event of the range: an address change from A to B, so it is delivered under both.
    expect((await post('/households', householdRequest('r-marker'))).status).toBe(201);
    marker = (await api.call('PUT', '/households/r-marker/address', { token: registrar, body: { address: '终点 1号', regionCode: OTHER_VILLAGE } })).body.position;
  }, 120_000);
  afterAll(() => api.close());

  it('Given a person corrected in A who later moves to B, When the range is replayed before and after the move, Then JSON pages and SSE give the same events, identical both times', async () => {
    const before = { a: await pages('410102'), aStream: await stream('410102'), b: await pages('410105'), bStream: await stream('410105') };
    expect(types(before.a)).toEqual(expect.arrayContaining(['BirthRegistered', 'RecordCorrected', 'HouseholdHeadChanged']));
    expect(before.aStream).toEqual(before.a);
    expect(before.bStream).toEqual(before.b);
    expect(types(before.b)).not.toContain('RecordCorrected');

    const moved = await api.call('POST', `/persons/${person}/settlement-applications`, { token: registrar, body: settlementRequest('r-b', { applicationRef: 'A-region' }) });
    expect([moved.status, moved.body.events.map((e: { type: string }) => e.type)]).toEqual([200, ['HukouMigrated']]);

    const after = { a: await pages('410102'), aStream: await stream('410102'), b: await pages('410105'), bStream: await stream('410105') };
    expect(after).toEqual(before);
  });

  it('Given household head changes, an address change and a dissolution, Then each is delivered under the household\'s region at its position (the address change under both ends)', async () => {
    const inA = types(await pages('410102'));
    const inB = types(await pages('410105'));
    expect(inA).toEqual(expect.arrayContaining(['HouseholdHeadChanged', 'HouseholdAddressChanged']));
    expect(inA.filter((t) => t === 'HouseholdDissolved')).toEqual([]);
    expect(inB.filter((t) => t === 'HouseholdDissolved' || t === 'HouseholdHeadChanged')).toEqual(['HouseholdDissolved']);
    expect(inB).toContain('HouseholdAddressChanged');
  });

  it('Given a jurisdiction\'s seeded policies, Then they are delivered under a region inside the jurisdiction\'s prefix, and not under one outside it', async () => {
    const jurisdictions = async (region: string) => [...new Set((await pages(region)).filter((e) => e.source === '/huji/jurisdiction').map((e) => e.subject))];
    const inZhengzhou = await jurisdictions('410102');
    expect(inZhengzhou).toEqual(expect.arrayContaining(['41', '4101']));
    expect(inZhengzhou.filter((prefix) => !'410102'.startsWith(prefix))).toEqual([]);
    expect((await jurisdictions('2301')).filter((prefix) => prefix.startsWith('41'))).toEqual([]);
  });
});
