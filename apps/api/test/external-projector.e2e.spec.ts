import { embeddedLogFile, openSqliteEventStore } from '../../../libs/event-store/src';
import { Projector } from '../../../projections/projector';
import { openReadStore } from '../../../projections/store/read-store';
import { type Api, birthRequest, householdRequest, startApi } from './harness';

/** `HUJI_PROJECTOR=off` (docker-compose): another process keeps the views; the API follows its checkpoint. */
describe('the API with the projector in another process', () => {
  let api: Api;
  const stop = new AbortController();
  let following: Promise<void>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    api = await startApi({ projectInProcess: false });
    const store = openSqliteEventStore(embeddedLogFile(api.config.eventStore.dataDir));
    const db = await openReadStore(api.config.readStore);
    following = new Projector(store, db).follow(stop.signal);
    close = async () => {
      stop.abort();
      await following;
      await db.destroy();
      await store.close();
    };
  });
  afterAll(async () => {
    await close();
    await api.close();
  });

  it('Given a birth, When a household is read with ?after=, Then the API waits for the other projector and shows the member; health reports no lag', async () => {
    const registrar = api.token('registrar');
    await api.call('POST', '/households', { token: registrar, body: householdRequest('x-home') });
    const birth = await api.call('POST', '/persons/births', { token: registrar, body: birthRequest('x-home') });
    const household = await api.call('GET', `/households/x-home?after=${birth.body.position}`, { token: registrar });
    expect(household.body.members.map((m: { citizenId: string }) => m.citizenId)).toEqual([birth.body.id]);
    const stats = await api.call('GET', `/statistics/population?region=4101&after=${birth.body.position}`, { token: api.token('auditor') });
    expect(stats.body.registered.total).toBe(1);
    const health = await api.call('GET', '/health');
    expect(health.body).toMatchObject({ status: 'up', projectInProcess: false, projected: birth.body.position, projectorLag: 0 });
  });
});
