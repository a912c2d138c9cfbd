import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { householdStream, personStream } from '../../../events';
import { householdDecider } from '../../domain/src/household/household';
import { type FamilyMemberDecision } from '../../domain/src/person/commands';
import { personDecider } from '../../domain/src/person/decide';
import { citizenIdFor, NOW } from '../../domain/test/deciders/support';
import { type EventStore, openSqliteEventStore } from '../../event-store/src';
import { completeFamily, handleCommand, householdContext, pendingFamilies } from '../src';

/** 随迁的执行 on the embedded SQLite store: resumable, idempotent, and it reports the members it cannot move. */
const META = { actor: { id: 'registrar-f', role: 'registrar' as const, office: '4101' }, correlationId: '3b241101-e2bb-4255-8caf-4136c566a962' };
const POLICY = { id: 'zhengzhou-2017', version: '1', documentNo: '郑政〔2017〕18号', contentHash: 'a'.repeat(64) };
const at = { effectiveDate: '2026-06-01', now: NOW };
const PRINCIPAL = citizenIdFor('410102', '1986-01-01', 11);
const MEMBERS = ['1988-03-03', '2011-01-15', '1960-06-06'].map((born, i) => citizenIdFor('410102', born, 21 + 2 * i));

describe('completing a family settlement', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'huji-family-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    for (const [id, region] of [['home', '410102001002'], ['new', '410105001003'], ['elsewhere', '410105001006']] as const)
      await handleCommand(store, householdStream(id), householdDecider, { type: 'EstablishHousehold', householdId: id, kind: 'family', regionCode: region, address: `${id} 1号`, effectiveDate: '2000-01-01', now: NOW }, META);
    for (const id of [PRINCIPAL, ...MEMBERS])
      await handleCommand(store, personStream(id), personDecider, { type: 'RegisterPerson', citizenId: id, name: '某', sex: 'male', dateOfBirth: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, household: await householdContext(store, 'home'), relationToHead: 'other-relative', registrationType: 'resident', reason: 'historical-import', jurisdiction: {}, effectiveDate: '2012-01-01', now: NOW }, META);
    const members: FamilyMemberDecision[] = MEMBERS.map((citizenId) => ({
      citizenId, relation: 'child', follows: true, facts: { age: 20, minor: false, coResiding: true }, evidence: [], consentRef: 'c', from: { householdId: 'home', regionCode: '410102001002' }, relationToHead: 'child',
    }));
    await handleCommand(store, personStream(PRINCIPAL), personDecider, {
      type: 'Migrate', applicationRef: 'FAM-1', ownApplication: true, consentRef: 'c', to: await householdContext(store, 'new'), destinationRegionCode: '410105001003', destinationJurisdiction: {},
      relationToHead: 'head', admission: { outcome: 'admitted', category: 'general', policy: POLICY, ruleId: 'zz-central-migrant-worker' }, family: { clause: '配偶、子女和父母', members }, ...at,
    }, META);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const moves = async (id: string) => (await store.readStream(personStream(id))).filter((e) => e.type === 'HukouMigrated');

  it('Given a decision recorded and nothing moved (a crash), Then it is pending; completing it twice at once moves each member once and records the completion once', async () => {
    expect(await pendingFamilies(store)).toEqual([{ principal: PRINCIPAL, applicationRef: 'FAM-1' }]);
    const [a, b] = await Promise.all([completeFamily(store, PRINCIPAL, 'FAM-1'), completeFamily(store, PRINCIPAL, 'FAM-1')]);
    expect(a.map((o) => o.outcome)).toEqual(['moved', 'moved', 'moved']);
    expect(b.map((o) => [o.citizenId, o.revision])).toEqual(a.map((o) => [o.citizenId, o.revision]));
    for (const id of MEMBERS) expect((await moves(id)).map((e) => e.data)).toEqual([expect.objectContaining({ principalApplicant: PRINCIPAL, applicationRef: 'FAM-1', policy: POLICY })]);
    expect((await store.readStream(personStream(PRINCIPAL))).filter((e) => e.type === 'FamilySettlementCompleted')).toHaveLength(1);
    expect(await pendingFamilies(store)).toEqual([]);
    await completeFamily(store, PRINCIPAL, 'FAM-1');
    for (const id of MEMBERS) expect(await moves(id)).toHaveLength(1);
  });

  it('Given the application reference already decided, When the principal applies again with it, Then FAMILY.APPLICATION_REF_USED and nothing is appended', async () => {
    const before = (await store.readStream(personStream(PRINCIPAL))).length;
    const again = handleCommand(store, personStream(PRINCIPAL), personDecider, {
      type: 'Migrate', applicationRef: 'FAM-1', ownApplication: true, consentRef: 'c', to: await householdContext(store, 'elsewhere'), destinationRegionCode: '410105001006', destinationJurisdiction: {},
      relationToHead: 'head', admission: { outcome: 'admitted', category: 'general', policy: POLICY, ruleId: 'r' }, family: { clause: 'c', members: [] }, ...at, effectiveDate: '2026-06-02',
    }, META);
    await expect(again).rejects.toMatchObject({ code: 'FAMILY.APPLICATION_REF_USED' });
    expect(await store.readStream(personStream(PRINCIPAL))).toHaveLength(before);
  });

  it('Given one member died and another moved elsewhere after the decision, Then both are reported not moved (never skipped silently), the third moves', async () => {
    await handleCommand(store, personStream(MEMBERS[0]!), personDecider, { type: 'RegisterDeath', dateOfDeath: '2026-06-02', placeOfDeath: '410102001002', deathCertificateRef: 'D-1', ...at, effectiveDate: '2026-06-02' }, META);
    await handleCommand(store, personStream(MEMBERS[1]!), personDecider, {
      type: 'Migrate', applicationRef: 'OTHER', ownApplication: true, consentRef: 'c', to: await householdContext(store, 'elsewhere'), destinationRegionCode: '410105001006', destinationJurisdiction: {},
      relationToHead: 'child', admission: { outcome: 'admitted', category: 'general', policy: POLICY, ruleId: 'r' }, ...at, effectiveDate: '2026-06-03',
    }, META);
    const outcomes = await completeFamily(store, PRINCIPAL, 'FAM-1');
    expect(outcomes.map((o) => [o.outcome, o.code])).toEqual([['not-moved', 'PERSON.DECEASED'], ['not-moved', 'FAMILY.MOVED_MEANWHILE'], ['moved', undefined]]);
    const completed = (await store.readStream(personStream(PRINCIPAL))).find((e) => e.type === 'FamilySettlementCompleted')!;
    expect((completed.data as { members: unknown[] }).members).toEqual([
      expect.objectContaining({ citizenId: MEMBERS[0], outcome: 'not-moved', code: 'PERSON.DECEASED' }),
      expect.objectContaining({ citizenId: MEMBERS[1], outcome: 'not-moved', code: 'FAMILY.MOVED_MEANWHILE' }),
      expect.objectContaining({ citizenId: MEMBERS[2], outcome: 'moved' }),
    ]);
    expect(completed.metadata).toMatchObject({ actor: META.actor, correlationId: META.correlationId });
  });
});
