import { DisclosureLog } from '../src/reads/disclosure-log';
import { type Api, birthRequest, citizenIdOf, householdRequest, startApi } from './harness';
import { readEvents } from './sse';

/** A personal-data feed is a disclosure (查询留痕): the purpose is required, and each page is recorded before it is sent. */
describe('GET /events with the personal-data grant', () => {
  let api: Api;
  let trusted: string;
  let auditor: string;
  let ids: string[];
  const readsOf = async (kind: 'persons' | 'households', id: string) =>
    (await api.call('GET', `/audit/${kind}/${id}/reads`, { token: auditor, headers: { 'huji-purpose': 'audit of feed reads' } })).body.reads as Record<string, any>[];
  const feedReads = async (kind: 'persons' | 'households', id: string) => (await readsOf(kind, id)).filter((r) => r.route === 'GET /events');

  beforeAll(async () => {
    api = await startApi({ init: false });
    const registrar = api.token('registrar');
    trusted = api.token('subscriber', { grants: ['personal-data'], sub: 'health-bureau' });
    auditor = api.token('auditor');
    await api.call('POST', '/households', { token: registrar, body: householdRequest('d-home') });
    ids = [];
    for (let i = 0; i < 2; i++) ids.push((await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('d-home', { name: `吴${i}` }) })).body.id);
  });
  afterAll(() => api.close());

  it('Given no Huji-Purpose, Then the JSON page and the stream are 400 PURPOSE.REQUIRED (for an admin too) and nothing is recorded; a subscriber without the grant needs none', async () => {
    // fetch, not api.call: the harness sends a purpose of its own.
    const get = async (token: string, accept = 'application/json') => {
      const r = await fetch(`${api.url}/events?limit=10`, { headers: { accept, authorization: `Bearer ${token}` } });
      return { status: r.status, body: (await r.json()) as { code?: string; problems?: unknown[] } };
    };
    const [page, stream, admin] = [await get(trusted), await get(trusted, 'text/event-stream'), await get(api.token('admin'))];
    expect([page.status, page.body.code, stream.status, stream.body.code, admin.status]).toEqual([400, 'PURPOSE.REQUIRED', 400, 'PURPOSE.REQUIRED', 400]);
    expect(page.body.problems).toEqual([expect.objectContaining({ code: 'PURPOSE.REQUIRED', path: 'headers.huji-purpose' })]);
    expect(await feedReads('persons', ids[0]!)).toEqual([]);
    expect((await get(api.token('subscriber'))).status).toBe(200);
  });

  it('Given Huji-Purpose, When a JSON page and a stream are read, Then each page is in the disclosure log: who, why, the persons and households of its events, the range, filters and count', async () => {
    const page = await api.call('GET', '/events?types=BirthRegistered&limit=10', { token: trusted, headers: { 'huji-purpose': `UTF-8''${encodeURIComponent('疫苗接种登记')}` } });
    expect(page.body.events.map((e: { subject: string }) => e.subject)).toEqual(ids);
    await readEvents(`${api.url}/events`, { authorization: `Bearer ${trusted}`, 'huji-purpose': 'stream check' }, (f) => f.length >= 3);
    const reads = await feedReads('persons', ids[1]!);
    expect(reads.map((r) => [r.subject, r.purpose, r.feed])).toEqual(expect.arrayContaining([
      ['health-bureau', '疫苗接种登记', { from: null, to: page.body.next, types: ['BirthRegistered'], events: 2 }],
      ['health-bureau', 'stream check', { from: null, to: '3', events: 3 }],
    ]));
    expect((await feedReads('households', 'd-home')).map((r) => r.purpose)).toEqual(['stream check']);
  });

  it('Given a birth naming its mother, When a personal page holding it is read, Then the mother\'s reads list the page too: everyone the events name is disclosed, not only the stream\'s person', async () => {
    const registrar = api.token('registrar');
    const mother = citizenIdOf('41010219900101002');
    const registered = await api.call('POST', '/persons', { token: registrar, body: { citizenId: mother, name: '吴母', sex: 'female', dateOfBirth: '1990-01-01', householdId: 'd-home', relationToHead: 'spouse', registrationType: 'resident', reason: 'other' } });
    expect(registered.status).toBe(201);
    const child = (await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('d-home', { name: '吴小', parents: { motherId: mother } }) }));
    expect(child.status).toBe(201);
    const page = await api.call('GET', `/events?types=BirthRegistered&from=${child.body.position - 1}&limit=10`, { token: trusted, headers: { 'huji-purpose': 'parents check' } });
    expect(page.body.events.map((e: { data: { parents?: unknown } }) => e.data.parents)).toEqual([{ motherId: mother }]);
    expect((await feedReads('persons', mother)).map((r) => r.purpose)).toContain('parents check');
  });

  it('Given the disclosure log cannot record, Then a personal page is not sent (503) and the stream sends no event', async () => {
    await api.app.get(DisclosureLog).close();
    const page = await api.call('GET', '/events?limit=10', { token: trusted, headers: { 'huji-purpose': 'after close' } });
    expect([page.status, page.body.code, JSON.stringify(page.body)]).toEqual([503, 'DISCLOSURE.UNAVAILABLE', expect.not.stringContaining(ids[0]!)]);
    const frames = await readEvents(`${api.url}/events`, { authorization: `Bearer ${trusted}`, 'huji-purpose': 'after close' }, (f) => f.some((x) => x.event === 'error'));
    expect(frames.map((f) => f.event)).toEqual(['error']);
  });
});
