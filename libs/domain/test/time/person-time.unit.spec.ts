import { type Admission, type PersonCommand } from '../../src/person/commands';
import { unificationDateFor } from '../../src/person/time-order';
import { ACTIVE, birth, NOW, OTHER } from '../deciders/support';
import { given, when } from './support';

/**
 * 时间顺序 on a person's stream (events/README.md, "The order of time"): each rule refuses with 422
 * TIME.ORDER naming the conflicting fact, and a late registration that contradicts nothing is accepted.
 */
const on = (effectiveDate: string) => ({ effectiveDate, now: NOW }) as const;
const admitted: Admission = { outcome: 'admitted', category: 'general', policy: { id: 'zhengzhou-2017', version: '1', documentNo: '郑政〔2017〕18号', contentHash: 'c'.repeat(64) }, ruleId: 'zz-counties-residence' };
const move = (date: string, to = OTHER): PersonCommand => ({
  type: 'Migrate', applicationRef: `app-${date}`, ownApplication: true, consentRef: 'c', to, destinationRegionCode: to.regionCode,
  destinationJurisdiction: { cutoverDate: '2017-06-30', prefix: '4101', documentNo: '郑政〔2017〕18号' }, relationToHead: 'child', admission: admitted, ...on(date),
});
const refusal = (date: string): PersonCommand => ({ ...move(date), admission: { outcome: 'refused', category: 'general', code: 'SETTLEMENT.CONDITIONS_UNMET', policy: null, unmet: [{ condition: 'SETTLEMENT.INSURANCE_TOO_SHORT' }] } } as PersonCommand);
const death = (dateOfDeath: string, effective = dateOfDeath): PersonCommand => ({ type: 'RegisterDeath', dateOfDeath, placeOfDeath: ACTIVE.regionCode, deathCertificateRef: 'DC-1', ...on(effective) });
const permit = (date: string, permitNo = 'P1'): PersonCommand => ({ type: 'IssueResidencePermit', permitNo, residenceRegionCode: '330302001001', validFrom: date, validUntil: '2027-01-01', basis: 'stable-employment', ...on(date) });
const born = birth(); // 2026-01-01, registered 2026-01-05 (revision 0)
const timeOrder = (revision: number, event: string, effectiveDate: string) => ({ code: 'TIME.ORDER', fact: expect.objectContaining({ stream: 'person-p', event, revision, effectiveDate }) as unknown });

describe('the order of time on a person\'s stream', () => {
  it('Given a birth registered 2026-01-05, When a settlement refusal is dated before it (the 1999 refusal of a 2005 person), Then 422 TIME.ORDER naming the registration', () => {
    expect(when(given(born), refusal('2026-01-04'))).toMatchObject({ kind: 'illegal-state', code: 'TIME.ORDER', problems: [timeOrder(0, 'BirthRegistered', '2026-01-05')] });
    expect(when(given(born), refusal('2026-01-05')).events?.[0]?.type).toBe('SettlementRefused');
  });

  it('Given a move on 2026-06-01, When another move is dated before it, Then TIME.ORDER naming the move; on or after it, Then accepted', () => {
    const moved = given(born, move('2026-06-01'));
    expect(when(moved, move('2026-05-31', ACTIVE))).toMatchObject({ code: 'TIME.ORDER', problems: [timeOrder(1, 'HukouMigrated', '2026-06-01')] });
    expect(when(moved, move('2026-06-01', ACTIVE)).events?.[0]?.type).toBe('HukouMigrated');
  });

  it('Given a permit issued 2026-09-01, When a move is dated before it, Then TIME.ORDER (a move may not slip under a fact already in effect)', () => {
    expect(when(given(born, permit('2026-09-01')), move('2026-08-01'))).toMatchObject({ code: 'TIME.ORDER', problems: [timeOrder(1, 'ResidencePermitIssued', '2026-09-01')] });
  });

  it('Given a move on 2026-06-01, When a death is dated before it (the README\'s old first session), Then TIME.ORDER naming the move', () => {
    expect(when(given(born, move('2026-06-01')), death('2026-05-20'))).toMatchObject({ code: 'TIME.ORDER', problems: [{ code: 'TIME.ORDER', fact: expect.objectContaining({ event: 'HukouMigrated' }) as unknown }] });
    expect(when(given(born, move('2026-06-01')), death('2026-06-02')).events?.[0]?.type).toBe('DeathRegistered');
  });

  it('Given a death, When its deregistration is dated before the death itself, Then refused (400: the request contradicts itself)', () => {
    expect(when(given(born), death('2026-06-02', '2026-06-01'))).toMatchObject({ kind: 'invalid', code: 'DATE.BEFORE_DEATH' });
  });

  it('Given a permit issued 2026-09-01, When it is renewed or cancelled before that, Then TIME.ORDER naming the issue', () => {
    const s = given(born, permit('2026-09-01'));
    expect(when(s, { type: 'RenewResidencePermit', permitNo: 'P1', validUntil: '2028-01-01', ...on('2026-08-31') })).toMatchObject({ problems: [timeOrder(1, 'ResidencePermitIssued', '2026-09-01')] });
    expect(when(s, { type: 'CancelResidencePermit', permitNo: 'P1', reason: 'moved', ...on('2026-08-31') })).toMatchObject({ problems: [timeOrder(1, 'ResidencePermitIssued', '2026-09-01')] });
  });

  it('Given a move, When a permit is issued, actual residence registered or a unification dated before it, Then TIME.ORDER (each depends on where the hukou is)', () => {
    const s = given(born, move('2026-06-01'));
    expect(when(s, permit('2026-05-01'))).toMatchObject({ code: 'TIME.ORDER' });
    expect(when(s, { type: 'RegisterActualResidence', regionCode: '410122100300', ...on('2026-05-01') })).toMatchObject({ code: 'TIME.ORDER' });
    expect(when(s, { type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: '2017-06-30', prefix: '4101', documentNo: '郑政〔2017〕18号' }, ...on('2026-05-01') })).toMatchObject({ code: 'TIME.ORDER' });
  });

  it('Given an actual residence since 2026-07-01, When it is ended before that, Then TIME.ORDER naming the registration', () => {
    const s = given(born, { type: 'RegisterActualResidence', regionCode: '410105002001', ...on('2026-07-01') });
    expect(when(s, { type: 'EndActualResidence', ...on('2026-06-30') })).toMatchObject({ problems: [timeOrder(1, 'ActualResidenceRegistered', '2026-07-01')] });
  });

  it('Given a death on 2026-10-01, When it is withdrawn before that date, Then TIME.ORDER; once withdrawn, the old death no longer bounds a move', () => {
    const dead = given(born, death('2026-10-01'));
    const withdraw = (date: string): PersonCommand => ({ type: 'CorrectRecord', field: 'dateOfDeath', corrected: '2026-10-01', reason: 'registered in error', evidence: ['court'], revokesDeath: true, jurisdiction: {}, ...on(date) });
    expect(when(dead, withdraw('2026-09-30'))).toMatchObject({ problems: [timeOrder(1, 'DeathRegistered', '2026-10-01')] });
    expect(when(given(born, death('2026-10-01'), withdraw('2026-10-02')), move('2026-09-01')).events?.[0]?.type).toBe('HukouMigrated');
  });

  it('Given a registration on 2026-01-05, When the date of birth is corrected to after it, or the date of death to before a move, Then TIME.ORDER on the corrected value', () => {
    expect(when(given(born), { type: 'CorrectRecord', field: 'dateOfBirth', corrected: '2026-01-06', reason: 'r', evidence: [], jurisdiction: {}, ...on('2026-11-01') })).toMatchObject({ problems: [timeOrder(0, 'BirthRegistered', '2026-01-05')] });
    const dead = given(born, move('2026-06-01'), death('2026-10-01'));
    expect(when(dead, { type: 'CorrectRecord', field: 'dateOfDeath', corrected: '2026-05-01', reason: 'r', evidence: [], jurisdiction: {}, ...on('2026-11-01') })).toMatchObject({ problems: [timeOrder(1, 'HukouMigrated', '2026-06-01')] });
  });

  it('Given a household established 2026-03-01 and one dissolved, When a birth or a move joins it before or after, Then TIME.ORDER / HOUSEHOLD.DISSOLVED naming the household\'s fact', () => {
    const established = { stream: 'household-h', event: 'HouseholdEstablished', revision: 0, effectiveDate: '2026-03-01' };
    const young = { ...OTHER, established };
    expect(when(given(), birth({ household: { ...ACTIVE, established } }))).toMatchObject({ code: 'TIME.ORDER', problems: [{ fact: established }] });
    expect(when(given(born), move('2026-02-01', young))).toMatchObject({ code: 'TIME.ORDER', problems: [{ fact: established }] });
    const dissolved = { ...established, event: 'HouseholdDissolved', revision: 3, effectiveDate: '2026-04-01' };
    expect(when(given(born), move('2026-03-15', { ...young, status: 'dissolved', dissolved }))).toMatchObject({ kind: 'illegal-state', code: 'HOUSEHOLD.DISSOLVED', problems: [{ fact: dissolved }] });
  });

  it('Given the household named the person its head on 2026-07-01, When their move or death is dated before, Then TIME.ORDER naming the household\'s fact', () => {
    const named = { stream: 'household-h-410105-1', event: 'HouseholdHeadChanged', revision: 2, effectiveDate: '2026-07-01' };
    expect(when(given(born), { ...move('2026-06-01'), headSince: named } as PersonCommand)).toMatchObject({ code: 'TIME.ORDER', problems: [{ fact: named }] });
    expect(when(given(born), { ...death('2026-06-01'), headSince: named } as PersonCommand)).toMatchObject({ code: 'TIME.ORDER', problems: [{ fact: named }] });
    expect(when(given(born), { ...move('2026-07-01'), headSince: named } as PersonCommand).events?.[0]?.type).toBe('HukouMigrated');
  });

  it('Given a conversion to resident on 2026-03-01, When the registration type is corrected with an earlier date, Then TIME.ORDER (a backdated correction cannot undo the conversion)', () => {
    const unify: PersonCommand = { type: 'UnifyRegistrationType', jurisdiction: { cutoverDate: '2017-06-30', prefix: '4101', documentNo: '郑政〔2017〕18号' }, ...on('2026-03-01') };
    const farmer = given(birth({ registrationType: 'agricultural', jurisdiction: {} }), unify);
    const correction = (date: string): PersonCommand => ({ type: 'CorrectRecord', field: 'registrationType', corrected: 'agricultural', reason: 'r', evidence: [], jurisdiction: { cutoverDate: '2017-06-30', prefix: '4101' }, ...on(date) });
    expect(when(farmer, correction('2016-01-01'))).toMatchObject({ problems: expect.arrayContaining([expect.objectContaining({ code: 'TIME.ORDER', fact: expect.objectContaining({ event: 'RegistrationTypeUnified' }) as unknown })]) as unknown });
    expect(when(farmer, correction('2026-03-02'))).toMatchObject({ code: 'REGISTRATION.TYPE_ABOLISHED' });
  });

  it('Given a late registration (补录) that contradicts nothing, Then it is accepted however long before its recording', () => {
    const s = given(born, move('2026-06-01'), permit('2026-08-01'));
    expect(when(s, { type: 'RenewResidencePermit', permitNo: 'P1', validUntil: '2028-01-01', ...on('2026-08-02') }).events).toHaveLength(1);
    expect(when(s, refusal('2026-02-01')).events?.[0]?.type).toBe('SettlementRefused');
  });

  it('Given a time problem and an input problem together, Then both are listed in one refusal (400: the input is wrong)', () => {
    const r = when(given(born, move('2026-06-01')), { ...move('2026-05-01', ACTIVE), applicationRef: ' ' } as PersonCommand);
    expect(r).toMatchObject({ kind: 'invalid' });
    expect(r.problems?.map((p) => p.code)).toEqual(expect.arrayContaining(['FIELD.REQUIRED', 'TIME.ORDER']));
  });

  it('Given a cut-over in 2017 and a placement in 2026, Then the conversion\'s default date is the placement', () => {
    expect(unificationDateFor('2017-06-30', given(born).timeline)).toBe('2026-01-05');
    expect(unificationDateFor('2027-01-01', given(born).timeline)).toBe('2027-01-01');
  });
});
