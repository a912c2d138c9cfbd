import { type RegistryEvent } from '../../../events';
import { perturbation } from '../perturbation';
import { flows, headline, structure } from '../queries';
import { at, cubeOf } from './support';

const ID = '41010219800101001X';
const URBAN = '410102001002'; // 111 主城区, Zhengzhou
const RURAL = '410103100202'; // 220 村庄, Zhengzhou
const WENZHOU = '330302006044'; // urban, Wenzhou

const registered = (region = RURAL, type = 'agricultural'): RegistryEvent => ({ type: 'PersonRegistered', data: { citizenId: ID, name: '王芳', sex: 'female', dateOfBirth: '1980-01-01', householdId: 'h-1', relationToHead: 'head', regionCode: region, registrationType: type, reason: 'historical-import' } } as RegistryEvent);
const moved = (from: string, to: string): RegistryEvent => ({ type: 'HukouMigrated', data: { citizenId: ID, from: { householdId: 'h-1', regionCode: from }, to: { householdId: 'h-2', regionCode: to }, relationToHead: 'head', category: 'stable-residence', policy: null, ruleId: 'zz-residence', applicationRef: 'a', ownApplication: 'yes', consentRef: 'c' } });
const permit = (region: string, validFrom: string, validUntil: string): RegistryEvent => ({ type: 'ResidencePermitIssued', data: { citizenId: ID, permitNo: 'P1', residenceRegionCode: region, validFrom, validUntil, basis: 'stable-employment' } });
const died = (dateOfDeath: string): RegistryEvent => ({ type: 'DeathRegistered', data: { citizenId: ID, dateOfDeath, placeOfDeath: URBAN, deathCertificateRef: 'DC' } });
const unified: RegistryEvent = { type: 'RegistrationTypeUnified', data: { citizenId: ID, previousType: 'agricultural', newType: 'resident', cutover: { jurisdiction: '4101', effectiveDate: '2017-06-30', documentNo: 'd' } } };

const on = (events: Parameters<typeof cubeOf>[0], region: string, date: string, basis: 'effective' | 'recorded' = 'effective') => headline(cubeOf(events), { region, date, basis });

describe('statistics as of a date', () => {
  it('Given a person registered in a rural unit who moves to an urban one, Then each date counts them once, where the hukou was that day', () => {
    const events = [at(registered(), '2010-01-01'), at(moved(RURAL, URBAN), '2018-03-01')];
    expect(on(events, '4101', '2009-12-31').registered.total).toBe(0);
    expect(on(events, '4101', '2018-02-28').registered).toMatchObject({ total: 1, urban: 0, urbanizationRate: 0 });
    expect(on(events, '4101', '2018-03-01').registered).toMatchObject({ total: 1, urban: 1, urbanizationRate: 100 });
    expect(on(events, RURAL, '2018-03-01').registered.total).toBe(0);
    expect(on(events, URBAN, '2018-03-01').registered.total).toBe(1);
  });

  it('Given a residence permit in another city, Then the person is resident there while it is valid and at home before and after', () => {
    const events = [at(registered(), '2010-01-01'), at(permit(WENZHOU, '2015-01-01', '2015-12-31'), '2015-01-01')];
    const during = on(events, '4101', '2015-06-01');
    expect(during.registered.total).toBe(1);
    expect(during.resident.total).toBe(0);
    expect(on(events, '3303', '2015-06-01').resident).toMatchObject({ total: 1, urban: 1 });
    expect(on(events, '3303', '2015-06-01').registered.total).toBe(0);
    expect(on(events, '4101', '2015-12-31').resident.total).toBe(0);
    expect(on(events, '4101', '2016-01-01').resident.total).toBe(1);
  });

  it('Given a permit renewed and later cancelled, Then residence elsewhere lasts until the cancellation', () => {
    const events = [
      at(registered(), '2010-01-01'), at(permit(WENZHOU, '2015-01-01', '2015-12-31'), '2015-01-01'),
      at({ type: 'ResidencePermitRenewed', data: { citizenId: ID, permitNo: 'P1', validUntil: '2017-12-31' } }, '2015-12-01'),
      at({ type: 'ResidencePermitCancelled', data: { citizenId: ID, permitNo: 'P1', reason: 'left' } }, '2017-03-01'),
    ];
    expect(on(events, '3303', '2016-06-01').resident.total).toBe(1);
    expect(on(events, '3303', '2017-02-28').resident.total).toBe(1);
    expect(on(events, '3303', '2017-03-01').resident.total).toBe(0);
    expect(on(events, '4101', '2017-03-01').resident.total).toBe(1);
  });

  it('Given a cube regrouped while still empty (a registry starting from nothing), When deltas arrive, Then they count, in the tail and once regrouped', () => {
    const events = [at(registered(URBAN), '2010-01-01'), at(moved(URBAN, RURAL), '2015-01-01')];
    const cube = cubeOf(events, 0);
    const rural = (c: typeof cube) => headline(c, { region: '4101', date: '2020-01-01', basis: 'effective' }).registered;
    expect(rural(cube)).toMatchObject({ total: 1, urban: 0 });
    cube.regroup();
    expect(rural(cube)).toMatchObject({ total: 1, urban: 0 });
  });

  it('Given a late registration, When asked what was true on D as known on K (bitemporal), Then only deltas effective by D and recorded by K count', () => {
    const events = [at(registered(URBAN), '2010-01-01', '2012-06-01')];
    const cube = cubeOf(events);
    const q = (date: string, knownAt: string) => headline(cube, { region: '4101', date, basis: 'effective', knownAt }).registered.total;
    expect([q('2011-01-01', '2012-01-01'), q('2011-01-01', '2012-06-01'), q('2013-01-01', '2011-01-01'), q('2013-01-01', '2013-01-01')]).toEqual([0, 1, 0, 1]);
    expect(flows(cube, { region: '4101', from: '2010-01-01', date: '2010-12-31', basis: 'effective', knownAt: '2012-01-01' }).registrations).toBe(0);
    expect(flows(cube, { region: '4101', from: '2010-01-01', date: '2010-12-31', basis: 'effective', knownAt: '2012-07-01' }).registrations).toBe(1);
  });

  it('Given a late-registered birth (补录), Then it counts from the birth by effective date, but the registry did not know it before recording', () => {
    const birth = { type: 'BirthRegistered', data: { citizenId: ID, name: '王芳', sex: 'female', dateOfBirth: '2015-05-01', placeOfBirth: URBAN, householdId: 'h-1', relationToHead: 'child', regionCode: URBAN, registrationType: 'resident' } } as RegistryEvent;
    const events = [at(birth, '2015-05-01', '2019-09-01')];
    expect(on(events, '4101', '2016-01-01', 'effective').registered.total).toBe(1);
    expect(on(events, '4101', '2016-01-01', 'recorded').registered.total).toBe(0);
    expect(on(events, '4101', '2019-09-01', 'recorded').registered.total).toBe(1);
    const cube = cubeOf(events);
    expect(flows(cube, { region: '4101', from: '2015-01-01', date: '2016-12-31', basis: 'effective' }).births).toBe(1);
    expect(flows(cube, { region: '4101', from: '2015-01-01', date: '2016-12-31', basis: 'recorded' }).births).toBe(0);
    expect(flows(cube, { region: '4101', from: '2015-01-01', date: '2019-12-31', basis: 'recorded' }).births).toBe(1);
    expect(flows(cube, { region: '4101', from: '2016-01-01', date: '2019-12-31', basis: 'recorded' }).births).toBe(0); // effective before the period
  });

  it('Given a death, and the death withdrawn by correction a year later, Then the person is absent from the death on for what the registry knew in between, and present throughout by effective date', () => {
    const revoke = { type: 'RecordCorrected', data: { citizenId: ID, field: 'dateOfDeath', previous: '2020-01-01', corrected: '2020-01-01', reason: 'error', evidence: [], revokesDeath: true } } as RegistryEvent;
    const events = [at(registered(), '2010-01-01'), at(died('2020-01-01'), '2020-01-01'), at(revoke, '2021-01-01')];
    expect(on(events, '4101', '2020-06-01', 'recorded').registered.total).toBe(0);
    expect(on(events, '4101', '2020-06-01', 'effective').registered.total).toBe(1);
    expect(on(events, '4101', '2021-06-01', 'recorded').registered.total).toBe(1);
  });

  it('Given a conversion to resident, Then the structure counts the person by the current type from the cut-over and keeps the original type', () => {
    const cube = cubeOf([at(registered(), '2010-01-01'), at(unified, '2017-06-30')]);
    const before = structure(cube, { region: '4101', date: '2017-06-29', basis: 'effective', measure: 'registered' });
    const after = structure(cube, { region: '4101', date: '2017-06-30', basis: 'effective', measure: 'registered' });
    expect(before).toEqual([{ urban: false, sex: 'female', birthYear: 1980, regType: 'agricultural', origType: 'agricultural', count: 1 }]);
    expect(after).toEqual([{ urban: false, sex: 'female', birthYear: 1980, regType: 'resident', origType: 'agricultural', count: 1 }]);
    const shown = structure(cube, { region: '4101', date: '2017-06-30', basis: 'effective', measure: 'registered' }, perturbation()).map((c) => c.count);
    expect(shown.filter((n) => n === 1 || n === 2)).toEqual([]); // perturbed: one person is shown as nobody, or as 3 or more
  });

  it('Given a correction of sex, Then the person moves to the corrected cell for every date', () => {
    const fix = { type: 'RecordCorrected', data: { citizenId: ID, field: 'sex', previous: 'female', corrected: 'male', reason: 'typo', evidence: [] } } as RegistryEvent;
    const cube = cubeOf([at(registered(), '2010-01-01'), at(fix, '2020-01-01')]);
    expect(structure(cube, { region: '4101', date: '2012-01-01', basis: 'effective', measure: 'registered' }).map((c) => c.sex)).toEqual(['male']);
    expect(structure(cube, { region: '4101', date: '2012-01-01', basis: 'recorded', measure: 'registered' }).map((c) => c.sex)).toEqual(['female']);
  });

  it('Given a region reclassified from rural to urban, Then the same people count as urban from that date', () => {
    const reclassified = { type: 'RegionReclassified', data: { jurisdiction: '4101', region: RURAL, effectiveFrom: '2016-01-01', class: '112', reason: '城区扩展' } } as RegistryEvent;
    const events = [at(registered(), '2010-01-01'), at(reclassified, '2016-01-01', '2016-01-01', 'jurisdiction-4101')];
    expect(on(events, '4101', '2015-12-31').registered.urban).toBe(0);
    expect(on(events, '4101', '2016-01-01').registered.urban).toBe(1);
  });
});

describe('flows', () => {
  it('Given a move from a rural unit in Zhengzhou to Wenzhou and a death there, Then Zhengzhou shows a move out, Wenzhou a move in, a settlement by category and rule, and a death', () => {
    const cube = cubeOf([at(registered(), '2010-01-01'), at(moved(RURAL, WENZHOU), '2018-03-01'), at(died('2019-01-01'), '2019-01-01')]);
    const q = { from: '2018-01-01', date: '2019-12-31', basis: 'effective' as const };
    expect(flows(cube, { ...q, region: '4101' })).toMatchObject({ movesOut: 1, movesIn: 0, deaths: 0, settlements: [] });
    expect(flows(cube, { ...q, region: '3303' })).toMatchObject({ movesIn: 1, ruralToUrban: 1, deaths: 1, settlements: [{ category: 'stable-residence', ruleId: 'zz-residence', count: 1 }] });
    expect(flows(cube, { ...q, region: '' })).toMatchObject({ movesIn: 0, movesOut: 0, deaths: 1 });
  });
});
