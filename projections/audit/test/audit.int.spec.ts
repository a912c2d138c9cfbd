import { type DataSource } from 'typeorm';
import { type RegistryEvent } from '../../../events';
import { type EventStore, openMemoryEventStore } from '../../../libs/event-store/src';
import { Projector } from '../../projector';
import { openReadStore } from '../../store/read-store';
import { deregistrationCandidates, householdHistory } from '../candidates';
import { READ_STORE_BACKENDS } from '../../test/backends';

const REGION = '410102001002';

const metadata = (effectiveDate: string) => ({ schemaVersion: 1, effectiveDate, actor: { id: 'registrar-1', role: 'registrar', office: '4101' }, correlationId: '00000000-0000-4000-8000-000000000001' });

const person = (citizenId: string, name: string, dateOfBirth: string, householdId: string): RegistryEvent => ({
  type: 'PersonRegistered', data: { citizenId, name, sex: 'female', dateOfBirth, householdId, relationToHead: 'head', regionCode: REGION, registrationType: 'agricultural', reason: 'historical-import' },
});

const append = async (store: EventStore, stream: string, event: RegistryEvent, effectiveDate: string, expectedRevision?: number) =>
  store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: metadata(effectiveDate) }], expectedRevision === undefined ? {} : { expectedRevision });

const backends = READ_STORE_BACKENDS;

describe.each(backends)('the audit index in %s', (_name, backend) => {
  let store: EventStore;
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    store = openMemoryEventStore();
    const b = await backend();
    drop = b.drop;
    db = await openReadStore(b.config);
    await append(store, 'household-h1', { type: 'HouseholdEstablished', data: { householdId: 'h1', kind: 'family', regionCode: REGION, address: '1号' } }, '2010-01-01');
    await append(store, 'household-h2', { type: 'HouseholdEstablished', data: { householdId: 'h2', kind: 'family', regionCode: REGION, address: '2号' } }, '2010-01-01');
    await append(store, 'person-410102192001010021', person('410102192001010021', '张桂兰', '1920-01-01', 'h1'), '2010-01-01');
    await append(store, 'person-410102195005050022', person('410102195005050022', '李秀英', '1950-05-05', 'h1'), '2010-01-01');
    await append(store, 'person-410102195005050030', person('410102195005050030', '李秀英', '1950-05-05', 'h2'), '2010-01-01');
    await append(store, 'person-410102198001010040', person('410102198001010040', '王芳', '1980-01-01', 'h2'), '2010-01-01');
    await append(store, 'person-410102198001010040', { type: 'HukouMigrated', data: { citizenId: '410102198001010040', from: { householdId: 'h2', regionCode: REGION }, to: { householdId: 'h1', regionCode: REGION }, relationToHead: 'other', category: 'relatives', policy: null, ruleId: null, applicationRef: 'a-1', ownApplication: 'yes', consentRef: 'c-1' } }, '2015-03-01', 0);
    await append(store, 'person-410102192001010021', { type: 'DeathRegistered', data: { citizenId: '410102192001010021', dateOfDeath: '2019-02-01', placeOfDeath: REGION, deathCertificateRef: 'DC-1' } }, '2019-02-01', 0);
    await append(store, 'household-h2', { type: 'HouseholdDissolved', data: { householdId: 'h2', reason: 'no-members' } }, '2016-01-01', 0);
    await new Projector(store, db).catchUp();
  });

  afterAll(async () => {
    await db.destroy();
    await drop();
    await store.close();
  });

  it('Then each 应销未销 candidate is listed with the rule that flagged it, and the deceased and the moved are not', async () => {
    const candidates = await deregistrationCandidates(db, { asOf: '2025-12-31' });
    expect(candidates.map((c) => [c.rule, c.citizenId])).toEqual([
      ['DISSOLVED_HOUSEHOLD', '410102195005050030'],
      ['DUPLICATE_IDENTITY', '410102195005050022'],
      ['DUPLICATE_IDENTITY', '410102195005050030'],
    ]);
  });

  it('Then the age rule depends on the date asked about, and candidates are filtered by region', async () => {
    const ages = async (asOf: string) => (await deregistrationCandidates(db, { asOf })).filter((c) => c.rule === 'AGE_100_PLUS').map((c) => c.citizenId);
    expect(await ages('2050-05-05')).toEqual(['410102195005050022', '410102195005050030']);
    expect(await ages('2050-05-04')).toEqual([]);
    expect(await deregistrationCandidates(db, { asOf: '2025-12-31', region: '3303' })).toEqual([]);
  });

  it('Then a household\'s history lists its own events and its members joining, leaving and dying, in log order', async () => {
    const h1 = await householdHistory(db, 'h1');
    expect(h1.map((e) => [e.change, e.citizenId, e.effectiveDate])).toEqual([
      ['established', null, '2010-01-01'], ['joined', '410102192001010021', '2010-01-01'], ['joined', '410102195005050022', '2010-01-01'],
      ['joined', '410102198001010040', '2015-03-01'], ['died', '410102192001010021', '2019-02-01'],
    ]);
    expect((await householdHistory(db, 'h2')).map((e) => e.change)).toEqual(['established', 'joined', 'joined', 'left', 'dissolved']);
  });
});
