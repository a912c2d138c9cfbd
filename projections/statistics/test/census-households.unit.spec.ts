import { type RegistryEvent } from '../../../events';
import { householdFigures, householdsOn } from '../census-households';
import { at } from './support';

const ZHENGZHOU_HOME = '410102001002';
const ZHENGZHOU_COUNTY_TOWN = '410122100001'; // another county of Zhengzhou
const WENZHOU = '330302006044';

const established = (householdId: string, kind: string, regionCode: string): RegistryEvent =>
  ({ type: 'HouseholdEstablished', data: { householdId, kind, regionCode, address: '某路1号' } } as RegistryEvent);
const registered = (citizenId: string, householdId: string, regionCode: string): RegistryEvent =>
  ({ type: 'PersonRegistered', data: { citizenId, name: '王芳', sex: 'female', dateOfBirth: '1980-01-01', householdId, relationToHead: 'head', regionCode, registrationType: 'resident', reason: 'historical-import' } });
const permit = (citizenId: string, permitNo: string, region: string, basis: string): RegistryEvent =>
  ({ type: 'ResidencePermitIssued', data: { citizenId, permitNo, residenceRegionCode: region, validFrom: '2019-01-01', validUntil: '2021-12-31', basis } } as RegistryEvent);
const person = (n: number): string => `4101021980010100${String(n).padStart(2, '0')}`;

/** A family of four in Zhengzhou: two at home, a student on a study permit in Wenzhou, a daughter with her own home there on a residence permit; a worker in a collective household. */
const history = [
  at(established('h-1', 'family', ZHENGZHOU_HOME), '2010-01-01', '2010-01-01', 'household-h-1'),
  at(established('hi-1', 'collective', ZHENGZHOU_COUNTY_TOWN), '2010-01-01', '2010-01-01', 'household-hi-1'),
  ...[1, 2, 3, 4].map((n) => at(registered(person(n), 'h-1', ZHENGZHOU_HOME), '2010-01-01', '2010-01-01', `person-${person(n)}`)),
  at(registered(person(5), 'hi-1', ZHENGZHOU_COUNTY_TOWN), '2010-01-01', '2010-01-01', `person-${person(5)}`),
  at(permit(person(3), 'P3', WENZHOU, 'continuous-study'), '2019-01-01', '2019-01-01', `person-${person(3)}`),
  at(permit(person(4), 'P4', WENZHOU, 'stable-residence'), '2019-01-01', '2019-03-01', `person-${person(4)}`),
];

describe('户别 of residents (family and collective households, as the registry can tell them)', () => {
  it('Given the family, When Zhengzhou is counted in 2020, Then the two at home form one family household and the worker is a collective resident', () => {
    expect(householdFigures(householdsOn(history, '2020-11-01'), '4101')).toEqual({ familyPersons: 2, collectivePersons: 1, familyHouseholds: 1 });
  });

  it('Given the family, When Wenzhou is counted, Then the student is collective (study) and the daughter with a home of her own is a family household of one', () => {
    expect(householdFigures(householdsOn(history, '2020-11-01'), '3303')).toEqual({ familyPersons: 1, collectivePersons: 1, familyHouseholds: 1 });
  });

  it('Given the daughter\'s permit recorded two months after it took effect, When counted on the recorded basis in between, Then she is still at home in Zhengzhou', () => {
    expect(householdFigures(householdsOn(history, '2019-02-01', '2019-02-01'), '4101')).toEqual({ familyPersons: 3, collectivePersons: 1, familyHouseholds: 1 });
    expect(householdFigures(householdsOn(history, '2019-02-01'), '4101')).toEqual({ familyPersons: 2, collectivePersons: 1, familyHouseholds: 1 });
  });
});
