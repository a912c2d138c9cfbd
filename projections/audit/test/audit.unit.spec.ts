import { project, projected } from '../../test/support';
import { type ProjectedEvent } from '../../view';
import { auditHouseholdsView, auditPersonsView, type HouseholdEntry, identityKeyOf } from '../view';

const ID = '41010219800101001X';
const REGION = '410102001002';
const registered = projected({ type: 'PersonRegistered', data: { citizenId: ID, name: '王芳', sex: 'female', dateOfBirth: '1980-01-01', householdId: 'h-1', relationToHead: 'head', regionCode: REGION, registrationType: 'agricultural', reason: 'historical-import' } }, '2010-01-01');
const moved = projected({ type: 'HukouMigrated', data: { citizenId: ID, from: { householdId: 'h-1', regionCode: REGION }, to: { householdId: 'h-2', regionCode: '330302006044' }, relationToHead: 'head', category: 'general', policy: null, ruleId: null, applicationRef: 'a', ownApplication: 'yes', consentRef: 'c' } }, '2018-03-01', 1);
const died = projected({ type: 'DeathRegistered', data: { citizenId: ID, dateOfDeath: '2020-01-01', placeOfDeath: REGION, deathCertificateRef: 'DC' } }, '2020-01-01', 2);
const renamed = projected({ type: 'RecordCorrected', data: { citizenId: ID, field: 'name', previous: '王芳', corrected: '王方', reason: 'typo', evidence: [] } }, '2021-01-01', 3);

/** Folds events through a view and collects what it emits. */
const emitted = <Row>(view: typeof auditPersonsView | typeof auditHouseholdsView, events: readonly ProjectedEvent[]): HouseholdEntry[] => {
  const rows = new Map<string, Row | null>();
  const out: HouseholdEntry[] = [];
  for (const e of events) {
    if (!view.canHandle(e.event.type)) continue;
    const key = view.keyOf(e);
    const before = (rows.get(key) ?? null) as never;
    const after = view.evolve(before, e) as never;
    rows.set(key, after);
    out.push(...view.emit!(before, after, e));
  }
  return out;
};

describe('audit views', () => {
  it('Given a registration, a move, a death and a corrected name, Then the person row follows, and its identity key is the corrected one', () => {
    const row = project(auditPersonsView, [registered, moved, died, renamed]).get(ID);
    expect(row).toEqual({ citizenId: ID, householdId: 'h-2', regionCode: '330302006044', status: 'deceased', name: '王方', sex: 'female', dateOfBirth: '1980-01-01' });
    expect(identityKeyOf(row!)).toBe('王方|female|1980-01-01');
  });

  it('Given the same events, Then the household entries say joined h-1, left h-1 and joined h-2 on the move, died in h-2; a name correction adds nothing', () => {
    expect(emitted(auditPersonsView, [registered, moved, died, renamed]).map((e) => [e.householdId, e.change, e.effectiveDate])).toEqual([
      ['h-1', 'joined', '2010-01-01'], ['h-1', 'left', '2018-03-01'], ['h-2', 'joined', '2018-03-01'], ['h-2', 'died', '2020-01-01'],
    ]);
  });

  it('Given household events, Then each is an entry of its own household and no row is kept', () => {
    const established = projected({ type: 'HouseholdEstablished', data: { householdId: 'h-1', kind: 'family', regionCode: REGION, address: '1号' } }, '2010-01-01');
    const dissolved = projected({ type: 'HouseholdDissolved', data: { householdId: 'h-1', reason: 'no-members' } }, '2019-01-01', 1);
    expect(emitted(auditHouseholdsView, [established, dissolved]).map((e) => [e.householdId, e.change, e.citizenId])).toEqual([['h-1', 'established', null], ['h-1', 'dissolved', null]]);
    expect(project(auditHouseholdsView, [established, dissolved]).size).toBe(0);
  });
});
