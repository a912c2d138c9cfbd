import { type NewEvent } from '../../../libs/event-store/src';
import { type Api, birthRequest, householdRequest, OTHER_VILLAGE, startApi } from './harness';
import { type Frame, readEvents } from './sse';

const META = { schemaVersion: 1, effectiveDate: '2020-01-01', actor: { id: 'bulk', role: 'import', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000000' };

/** Household events of ~400 bytes, appended straight to the log (megabytes for the backpressure test). */
const bulkEvent = (batch: number, i: number): NewEvent => (i === 0
  ? { type: 'HouseholdEstablished', data: { householdId: `bulk-${batch}`, kind: 'family', regionCode: OTHER_VILLAGE, address: 'x'.repeat(150) }, metadata: META }
  : { type: 'HouseholdAddressChanged', data: { householdId: `bulk-${batch}`, previousAddress: 'x'.repeat(150), address: `${'y'.repeat(150)}${i}`, previousRegionCode: OTHER_VILLAGE, regionCode: OTHER_VILLAGE }, metadata: META });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every frame is a valid CloudEvents 1.0 JSON event (the required attributes and the registry's extensions). */
const cloudEvent = (f: Frame) => {
  const e = JSON.parse(f.data);
  expect(e).toMatchObject({
    specversion: '1.0', id: expect.stringMatching(UUID), source: expect.stringMatching(/^\/huji\/(person|household|jurisdiction)$/),
    type: expect.stringMatching(/^huji\.[A-Za-z]+\.v\d+$/), subject: expect.any(String), time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    datacontenttype: 'application/json', data: expect.any(Object), hujiposition: f.id,
  });
  return e;
};

describe('downstream subscriptions: GET /events', () => {
  let api: Api;
  let registrar: string;
  let subscriber: string;
  let trusted: string;
  const births = async (n: number, household = 'e-home') => {
    for (let i = 0; i < n; i++) await api.call('POST', '/persons/births', { token: registrar, body: birthRequest(household, { name: `李${i}`, dateOfBirth: `2018-0${1 + (i % 9)}-0${1 + (i % 9)}` }) });
  };

  beforeAll(async () => {
    api = await startApi({ init: false }); // an empty log (HUJI_INIT=off): positions below count from 1;
    registrar = api.token('registrar');
    subscriber = api.token('subscriber');
    trusted = api.token('subscriber', { grants: ['personal-data'], sub: 'health-bureau' });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('e-home') });
    await api.call('POST', '/households', { token: registrar, body: householdRequest('e-far', OTHER_VILLAGE) });
    await births(20);
  });
  afterAll(() => api.close());

  it('Given appends running, When a subscriber reads, disconnects and resumes with Last-Event-ID, Then it gets every event once, in log order', async () => {
    const appending = births(40, 'e-far');
    const first = await readEvents(`${api.url}/events`, { authorization: `Bearer ${subscriber}` }, (f) => f.length >= 30);
    const resumed = await readEvents(`${api.url}/events`, { authorization: `Bearer ${subscriber}`, 'last-event-id': first.at(-1)!.id! }, (f) => f.length >= 62 - first.length);
    await appending;
    const positions = [...first, ...resumed].map((f) => Number(f.id));
    expect(positions).toEqual(Array.from({ length: 62 }, (_, i) => i + 1)); // 2 households + 60 births: no gap, no duplicate
    const events = [...first, ...resumed].map(cloudEvent);
    expect(new Set(events.map((e) => e.id)).size).toBe(62);
  });

  it('Given no personal-data grant, Then names and identifying fields are withheld and citizen ids pseudonymised (stably); with the grant they are sent', async () => {
    const plain = (await readEvents(`${api.url}/events?types=BirthRegistered`, { authorization: `Bearer ${subscriber}` }, (f) => f.length >= 3)).map(cloudEvent);
    const full = (await readEvents(`${api.url}/events?types=BirthRegistered`, { authorization: `Bearer ${trusted}`, 'huji-purpose': 'contract check' }, (f) => f.length >= 3)).map(cloudEvent);
    expect(full[0].data).toMatchObject({ name: '李0', citizenId: expect.stringMatching(/^\d{17}[\dX]$/) });
    expect(full[0].subject).toBe(full[0].data.citizenId);
    expect(plain[0].data.name).toBeUndefined();
    expect(plain[0].data.dateOfBirth).toBe(full[0].data.dateOfBirth.slice(0, 7)); // a date of birth leaves as its month (events/README.md)
    expect(plain[0].data.citizenId).toMatch(/^p-/);
    expect(plain[0].subject).toBe(plain[0].data.citizenId);
    expect(plain[0].hujiredacted).toBe(true);
    expect(JSON.stringify(plain)).not.toContain(full[0].data.citizenId);
    const again = (await readEvents(`${api.url}/events?types=BirthRegistered`, { authorization: `Bearer ${subscriber}` }, (f) => f.length >= 1)).map(cloudEvent);
    expect(again[0].data.citizenId).toBe(plain[0].data.citizenId);
  });

  it('Given a type and a region filter, Then only those events come, on the stream and in pages that chain with next', async () => {
    const far = (await readEvents(`${api.url}/events?types=BirthRegistered&region=410105`, { authorization: `Bearer ${subscriber}` }, (f) => f.length >= 40)).map(cloudEvent);
    expect(far.every((e) => e.type === 'huji.BirthRegistered.v1' && e.data.regionCode === OTHER_VILLAGE)).toBe(true);
    const seen: string[] = [];
    let from = '0';
    for (let page = 0; page < 100; page++) {
      const r = await api.call('GET', `/events?from=${from}&limit=7&region=410102`, { token: subscriber });
      expect(r.status).toBe(200);
      seen.push(...r.body.events.map((e: { hujiposition: string }) => e.hujiposition));
      if (r.body.isEnd) break;
      from = r.body.next;
    }
    expect(seen).toEqual(Array.from({ length: 21 }, (_, i) => String(i === 0 ? 1 : i + 2))); // household e-home (1) and the 20 births (3..22)
  });

  it('Given a subscriber that stops reading while megabytes of events wait (backpressure), Then the server waits for the socket instead of buffering, and nothing is lost', async () => {
    const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec((await api.call('GET', '/metrics')).body)![1]);
    const waitsBefore = await metric('huji_event_stream_backpressure_waits_total');
    for (let batch = 0; batch < 20; batch++) {
      await api.runtime.store.appendToStream(`household-bulk-${batch}`, Array.from({ length: 500 }, (_, i) => bulkEvent(batch, i)), { expectedRevision: 'no_stream' });
    }
    const total = await api.logLength();
    const controller = new AbortController();
    const response = await fetch(`${api.url}/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${subscriber}` }, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 1_000)); // not reading: the socket fills, the server must wait
    expect(await metric('huji_event_stream_backpressure_waits_total')).toBeGreaterThan(waitsBefore);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let tail = '';
    let last = 0;
    let count = 0;
    while (last < total) {
      const { value, done } = await reader.read();
      if (done) break;
      const text = tail + decoder.decode(value, { stream: true });
      const cut = text.lastIndexOf('\n');
      tail = text.slice(cut + 1);
      for (const m of text.slice(0, cut + 1).matchAll(/^id: (\d+)$/gm)) {
        expect(Number(m[1])).toBe(last + 1); // in order, no gap, no duplicate
        last = Number(m[1]);
        count++;
      }
    }
    controller.abort();
    expect([count, last]).toEqual([total, total]);
  });

  it('Given a token that expires, Then its event stream ends with AUTH.TOKEN_EXPIRED; Given shutdown, Then open streams are closed', async () => {
    const short = api.token('subscriber', { ttlSeconds: 2 });
    const frames = await readEvents(`${api.url}/events?types=HouseholdDissolved`, { authorization: `Bearer ${short}` }, (f) => f.some((x) => x.event === 'error'), 10_000);
    expect(JSON.parse(frames.at(-1)!.data).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('Given a correction, Then a subscriber without the grant gets neither its reason nor its evidence', async () => {
    const id = (await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('e-home', { name: '赵错' }) })).body.id;
    await api.call('POST', `/persons/${id}/corrections`, { token: registrar, body: { field: 'sex', corrected: 'female', reason: '见王某证明', evidence: ['证明-123'] } });
    const plain = (await readEvents(`${api.url}/events?types=RecordCorrected`, { authorization: `Bearer ${subscriber}` }, (f) => f.length >= 1)).map(cloudEvent);
    expect(plain[0].data).toMatchObject({ field: 'sex', corrected: 'female' });
    expect(JSON.stringify(plain[0])).not.toMatch(/证明|王某/);
  });
});
