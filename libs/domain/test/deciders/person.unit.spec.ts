import { type PersonEvent } from '../../../../events';
import { type Admission, type PersonCommand } from '../../src/person/commands';
import { ACTIVE, BABY, birth, born, citizenIdFor, decideGiven, NOW, OTHER } from './support';

const at = { effectiveDate: '2026-11-01', now: NOW } as const;
const admitted: Admission = { outcome: 'admitted', category: 'general', policy: { id: 'zhengzhou-2017', version: '1', documentNo: '郑政〔2017〕18号', contentHash: 'c'.repeat(64) }, ruleId: 'county.residence' };
const migrate = (overrides: Partial<Extract<PersonCommand, { type: 'Migrate' }>> = {}): PersonCommand => ({
  type: 'Migrate', applicationRef: 'app-1', ownApplication: true, consentRef: 'consent-1', to: OTHER, destinationRegionCode: OTHER.regionCode, destinationJurisdiction: { cutoverDate: '2017-06-30', prefix: '4101', documentNo: '郑政〔2017〕18号' }, relationToHead: 'child', admission: admitted, ...at, ...overrides,
});
const death = (dateOfDeath = '2026-10-01'): PersonCommand => ({ type: 'RegisterDeath', dateOfDeath, placeOfDeath: '410105001001', deathCertificateRef: 'DC-1', ...at });

describe('person: registration', () => {
  it('Given nothing, When a birth is registered with no birth permit or fee receipt, Then BirthRegistered as resident in the household', () => {
    const { events } = decideGiven([], birth());
    const careless = decideGiven([], { ...birth(), birthPermitNo: 'ZS-1', feeReceipt: 'F-1' } as unknown as PersonCommand);
    expect(Object.keys(careless.events?.[0]?.data ?? {}).filter((k) => /permit|fee/i.test(k))).toEqual([]);
    expect(events).toEqual([{ type: 'BirthRegistered', data: expect.objectContaining({ citizenId: BABY, householdId: ACTIVE.householdId, regionCode: '410105001001', registrationType: 'resident' }) as unknown }]);
  });

  it('Given a registered person, When registered again, Then PERSON.ALREADY_REGISTERED', () => {
    expect(decideGiven(born(), birth())).toMatchObject({ code: 'PERSON.ALREADY_REGISTERED' });
  });

  it('Given a birth with a wrong check character, a dissolved household and a future effective date, Then every problem is listed', () => {
    const bad = birth({ citizenId: `${BABY.slice(0, 17)}${BABY.endsWith('0') ? '1' : '0'}`, household: { ...ACTIVE, status: 'dissolved' }, effectiveDate: '2026-12-01' });
    expect(decideGiven([], bad).problems).toEqual(expect.arrayContaining(['CITIZEN_ID.CHECK_CHARACTER', 'HOUSEHOLD.DISSOLVED', 'DATE.EFFECTIVE_IN_FUTURE']));
  });

  it('Given a citizen id whose sex or date disagrees with the record, Then the mismatch is refused', () => {
    expect(decideGiven([], birth({ sex: 'male' })).problems).toContain('CITIZEN_ID.SEX');
    expect(decideGiven([], birth({ dateOfBirth: '2026-01-02' })).problems).toContain('CITIZEN_ID.BIRTH_DATE');
  });

  it('Given the jurisdiction cut over in 2017, When a birth in 2026 asks for agricultural registration, Then REGISTRATION.TYPE_ABOLISHED', () => {
    expect(decideGiven([], birth({ registrationType: 'agricultural' }))).toMatchObject({ code: 'REGISTRATION.TYPE_ABOLISHED' });
  });

  it('Given no cut-over yet, When a historical import carries agricultural, Then it is registered with that type', () => {
    const id = citizenIdFor('230102', '1960-05-01', 11);
    const { events } = decideGiven([], { type: 'RegisterPerson', citizenId: id, name: '王建国', sex: 'male', dateOfBirth: '1960-05-01', household: ACTIVE, relationToHead: 'head', registrationType: 'agricultural', reason: 'historical-import', jurisdiction: {}, effectiveDate: '2010-01-01', now: NOW });
    expect(events?.[0]).toMatchObject({ type: 'PersonRegistered', data: { registrationType: 'agricultural' } });
  });

  it('Given a late registration (补录), When the effective date precedes today, Then it is accepted; a birth cannot be effective before it happened', () => {
    expect(decideGiven([], birth({ effectiveDate: '2026-01-01' })).events).toHaveLength(1);
    expect(decideGiven([], birth({ effectiveDate: '2025-12-31' })).problems).toContain('DATE.BEFORE_BIRTH');
  });
});

describe('person: migration', () => {
  it('Given a registered person, When admitted to another active household, Then HukouMigrated from the current household with the policy rule', () => {
    const { events } = decideGiven(born(), migrate());
    expect(events).toEqual([{ type: 'HukouMigrated', data: expect.objectContaining({ from: { householdId: ACTIVE.householdId, regionCode: ACTIVE.regionCode }, to: { householdId: 'h-410122-7', regionCode: '410122100200' }, ruleId: 'county.residence', ownApplication: 'yes' }) as unknown }]);
  });

  it('Given a person, When the destination is the current household, missing or dissolved, Then refused', () => {
    expect(decideGiven(born(), migrate({ to: ACTIVE })).problems).toContain('MIGRATION.SAME_HOUSEHOLD');
    expect(decideGiven(born(), migrate({ to: { status: 'missing', householdId: 'h-x' } })).problems).toContain('HOUSEHOLD.NOT_FOUND');
    expect(decideGiven(born(), migrate({ to: { ...OTHER, status: 'dissolved' } })).problems).toContain('HOUSEHOLD.DISSOLVED');
  });

  it('Given no application by the person, When a migration is attempted, Then SETTLEMENT.NOT_APPLIED_BY_APPLICANT (no 被落户)', () => {
    expect(decideGiven(born(), migrate({ ownApplication: false }))).toMatchObject({ code: 'SETTLEMENT.NOT_APPLIED_BY_APPLICANT' });
  });

  it('Given the policy refused, When deciding, Then SettlementRefused is recorded with every unmet condition and the person stays', () => {
    const refused: Admission = { outcome: 'refused', category: 'migrant-worker', code: 'SETTLEMENT.CONDITIONS_UNMET', policy: null, unmet: [{ condition: 'SETTLEMENT.INSURANCE_TOO_SHORT', required: '24', actual: '23' }, { condition: 'SETTLEMENT.NO_RESIDENCE' }] };
    const { events } = decideGiven(born(), migrate({ admission: refused }));
    expect(events?.[0]).toMatchObject({ type: 'SettlementRefused', data: { unmet: [{ condition: 'SETTLEMENT.INSURANCE_TOO_SHORT' }, { condition: 'SETTLEMENT.NO_RESIDENCE' }] } });
  });
});

describe('person: death and after', () => {
  it('Given a registered person, When a death is registered, Then DeathRegistered; the date must lie between birth and today', () => {
    expect(decideGiven(born(), death()).events?.[0]?.type).toBe('DeathRegistered');
    expect(decideGiven(born(), death('2025-12-31')).problems).toContain('DATE.DEATH_BEFORE_BIRTH');
    expect(decideGiven(born(), death('2026-11-24')).problems).toContain('DATE.DEATH_IN_FUTURE');
  });

  it.each<[string, PersonCommand]>([
    ['a migration', migrate()],
    ['another death', death()],
    ['a residence permit', { type: 'IssueResidencePermit', permitNo: 'P1', residenceRegionCode: '330302001001', validFrom: '2026-01-01', validUntil: '2027-01-01', basis: 'stable-employment', ...at }],
    ['a unification', { type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: '2017-06-30', prefix: '4101', documentNo: '郑政〔2017〕18号' }, ...at }],
  ])('Given a deceased person, When %s is decided, Then PERSON.DECEASED', (_label, command) => {
    const dead = [...born(), ...(decideGiven(born(), death()).events as PersonEvent[])];
    expect(decideGiven(dead, command)).toMatchObject({ code: 'PERSON.DECEASED' });
  });

  it('Given a deceased person, When a correction (including withdrawing the death) is decided, Then it is accepted', () => {
    const dead = [...born(), ...(decideGiven(born(), death()).events as PersonEvent[])];
    const fix = decideGiven(dead, { type: 'CorrectRecord', field: 'dateOfDeath', corrected: '2026-09-30', reason: 'certificate says so', evidence: ['DC-1'], jurisdiction: {}, ...at });
    expect(fix.events?.[0]).toMatchObject({ type: 'RecordCorrected', data: { previous: '2026-10-01', corrected: '2026-09-30' } });
    const revoked = decideGiven(dead, { type: 'CorrectRecord', field: 'dateOfDeath', corrected: '2026-10-01', reason: 'death registered in error', evidence: ['court ruling'], revokesDeath: true, jurisdiction: {}, ...at });
    expect(decideGiven([...dead, ...(revoked.events as PersonEvent[])], migrate()).events?.[0]?.type).toBe('HukouMigrated');
  });
});

describe('person: unification, permits, actual residence', () => {
  const unify: PersonCommand = { type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: '2014-11-01', prefix: '23', documentNo: '黑政发〔2014〕25号' }, ...at };
  const imported = decideGiven([], { type: 'RegisterPerson', citizenId: citizenIdFor('230102', '1960-05-01', 11), name: '王建国', sex: 'male', dateOfBirth: '1960-05-01', household: { ...ACTIVE, regionCode: '230102001001' }, relationToHead: 'head', registrationType: 'agricultural', reason: 'historical-import', jurisdiction: {}, effectiveDate: '2010-01-01', now: NOW }).events as PersonEvent[];

  it('Given an agricultural record and a cut-over in force, When unified twice, Then one RegistrationTypeUnified keeping the previous type, then nothing', () => {
    const first = decideGiven(imported, unify).events as PersonEvent[];
    expect(first).toEqual([expect.objectContaining({ type: 'RegistrationTypeUnified', data: expect.objectContaining({ previousType: 'agricultural', newType: 'resident' }) as unknown })]);
    expect(decideGiven([...imported, ...first], unify).events).toEqual([]);
  });

  it('Given no cut-over in force on the date, When unification is asked, Then UNIFICATION.NO_CUTOVER', () => {
    expect(decideGiven(imported, { ...unify, jurisdiction: { prefix: '23', documentNo: 'x' } })).toMatchObject({ code: 'UNIFICATION.NO_CUTOVER' });
  });

  it('Given a person registered in 金水区, When a residence permit for the same county or actual residence in another county is asked, Then refused', () => {
    expect(decideGiven(born(), { type: 'IssueResidencePermit', permitNo: 'P1', residenceRegionCode: '410105002001', validFrom: '2026-01-01', validUntil: '2027-01-01', basis: 'stable-residence', ...at }).problems).toContain('PERMIT.SAME_COUNTY');
    expect(decideGiven(born(), { type: 'RegisterActualResidence', regionCode: '410122100200', ...at }).problems).toContain('RESIDENCE.OTHER_COUNTY');
    expect(decideGiven(born(), { type: 'RegisterActualResidence', regionCode: '410105002001', ...at }).events?.[0]?.type).toBe('ActualResidenceRegistered');
  });

  it('Given a permit, When renewed to an earlier date or a permit not held is cancelled, Then refused', () => {
    const issued = decideGiven(born(), { type: 'IssueResidencePermit', permitNo: 'P1', residenceRegionCode: '330302001001', validFrom: '2026-01-01', validUntil: '2027-01-01', basis: 'stable-employment', ...at }).events as PersonEvent[];
    const history = [...born(), ...issued];
    expect(decideGiven(history, { type: 'RenewResidencePermit', permitNo: 'P1', validUntil: '2026-12-01', ...at }).problems).toContain('PERMIT.VALIDITY');
    expect(decideGiven(history, { type: 'RenewResidencePermit', permitNo: 'P1', validUntil: '2028-01-01', ...at }).events).toHaveLength(1);
    expect(decideGiven(history, { type: 'CancelResidencePermit', permitNo: 'P2', reason: 'x', ...at })).toMatchObject({ code: 'PERMIT.NOT_HELD' });
  });
});

describe('person: rules the review found unguarded', () => {
  const importedIn = (regionCode: string, type: 'agricultural' | 'resident' = 'agricultural'): PersonEvent[] =>
    decideGiven([], { type: 'RegisterPerson', citizenId: citizenIdFor('410122', '1980-03-01', 11), name: '李建军', sex: 'male', dateOfBirth: '1980-03-01', household: { ...OTHER, regionCode }, relationToHead: 'head', registrationType: type, reason: 'historical-import', jurisdiction: {}, effectiveDate: '2010-01-01', now: NOW }).events as PersonEvent[];

  it('Given a lower-case x in the citizen id, When a birth is registered, Then the event carries the canonical upper-case X', () => {
    const id = Array.from({ length: 499 }, (_, i) => citizenIdFor('410105', '2026-01-01', 2 * i + 2)).find((x) => x.endsWith('X'))!;
    expect(decideGiven([], birth({ citizenId: id.toLowerCase() })).events?.[0]).toMatchObject({ data: { citizenId: id } });
  });

  it('Given an agricultural person, When admitted into a jurisdiction already cut over, Then the move and the unification to resident are one decision', () => {
    const { events } = decideGiven(importedIn('410122100200'), migrate({ to: ACTIVE, destinationRegionCode: ACTIVE.regionCode, effectiveDate: '2020-05-01' }));
    expect(events?.map((e) => e.type)).toEqual(['HukouMigrated', 'RegistrationTypeUnified']);
    expect(events?.[1]).toMatchObject({ data: { previousType: 'agricultural', cutover: { jurisdiction: '4101', effectiveDate: '2017-06-30' } } });
  });

  it('Given an admission without a policy, When the move leaves the county, Then MIGRATION.POLICY_REQUIRED; inside the county, Then accepted', () => {
    const noPolicy: Admission = { outcome: 'admitted', category: 'general', policy: null, ruleId: null };
    expect(decideGiven(born(), migrate({ admission: noPolicy })).problems).toContain('MIGRATION.POLICY_REQUIRED');
    const sameCounty = { ...ACTIVE, householdId: 'h-410105-9', regionCode: '410105002003' };
    expect(decideGiven(born(), migrate({ admission: noPolicy, to: sameCounty, destinationRegionCode: sameCounty.regionCode })).events?.[0]?.type).toBe('HukouMigrated');
  });

  it('Given a permit for a county and an actual residence elsewhere, When the person settles in that county, Then the permit is cancelled and the actual residence ended with the move', () => {
    const issued = decideGiven(born(), { type: 'IssueResidencePermit', permitNo: 'P1', residenceRegionCode: '410122100300', validFrom: '2026-01-01', validUntil: '2027-01-01', basis: 'stable-employment', ...at }).events as PersonEvent[];
    const living = decideGiven([...born(), ...issued], { type: 'RegisterActualResidence', regionCode: '410105009009', ...at }).events as PersonEvent[];
    const { events } = decideGiven([...born(), ...issued, ...living], migrate());
    expect(events?.map((e) => e.type)).toEqual(['ActualResidenceEnded', 'ResidencePermitCancelled', 'HukouMigrated']);
  });

  it('Given a person registered in Harbin, When unified under Chenzhou\'s cut-over, Then UNIFICATION.OUTSIDE_JURISDICTION', () => {
    expect(decideGiven(importedIn('230102001001'), { type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: '2016-01-06', prefix: '4310', documentNo: '郴政发〔2016〕1号' }, ...at })).toMatchObject({ code: 'UNIFICATION.OUTSIDE_JURISDICTION' });
  });

  it.each<[string, string, string]>([
    ['registrationType', 'agricultural', 'REGISTRATION.TYPE_ABOLISHED'],
    ['relationToHead', 'martian', 'FIELD.INVALID'],
    ['dateOfBirth', '2027-01-01', 'DATE.BIRTH_IN_FUTURE'],
    ['name', '  ', 'FIELD.REQUIRED'],
    ['placeOfBirth', 'bogus', 'REGION.FORMAT'],
  ])('Given a registered person, When %s is corrected to %j after the cut-over, Then %s', (field, corrected, code) => {
    const c = { type: 'CorrectRecord', field, corrected, reason: 'r', evidence: [], jurisdiction: { cutoverDate: '2017-06-30' }, ...at } as PersonCommand;
    expect(decideGiven(born(), c).problems).toContain(code);
  });

  it('Given a birth with a malformed place of birth and parent id, Then both are named', () => {
    expect(decideGiven([], birth({ placeOfBirth: 'bogus', parents: { motherId: '123' } })).problems).toEqual(expect.arrayContaining(['REGION.FORMAT', 'CITIZEN_ID.LENGTH']));
  });
});

describe('person: the jurisdiction context must be the region\'s own', () => {
  it('Given a Harbin registration, When corrected to agricultural under Zhengzhou\'s cut-over context, Then JURISDICTION.MISMATCH', () => {
    const harbin = decideGiven([], { type: 'RegisterPerson', citizenId: citizenIdFor('230102', '1980-03-01', 11), name: '王建国', sex: 'male', dateOfBirth: '1980-03-01', household: { ...ACTIVE, regionCode: '230102001001' }, relationToHead: 'head', registrationType: 'resident', reason: 'historical-import', jurisdiction: { cutoverDate: '2014-11-01', prefix: '23' }, effectiveDate: '2016-01-01', now: NOW }).events as PersonEvent[];
    const c: PersonCommand = { type: 'CorrectRecord', field: 'registrationType', corrected: 'agricultural', reason: 'r', evidence: [], jurisdiction: { cutoverDate: '2017-06-30', prefix: '4101' }, ...at };
    expect(decideGiven(harbin, c).problems).toEqual(['JURISDICTION.MISMATCH']);
    expect(decideGiven([], birth({ jurisdiction: { cutoverDate: '2014-11-01', prefix: '23' } })).problems).toContain('JURISDICTION.MISMATCH');
    expect(decideGiven(born(), migrate({ destinationJurisdiction: { cutoverDate: '2014-11-01', prefix: '23', documentNo: 'd' } })).problems).toContain('JURISDICTION.MISMATCH');
  });
});
