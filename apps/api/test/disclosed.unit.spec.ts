import { householdsOf, personsIn } from '../src/reads/disclosed';
import { disclosureHash, GENESIS_HASH, indexEntriesOf, recordOf } from '../src/reads/disclosure-record';

/** 披露范围: whose data an answer holds, and the canonical record the chain hashes. */
const CHILD = '41010220200501001X';
const MOTHER = '410102199001010022';
const HEAD = '410102196501010013';

describe('what an answer discloses', () => {
  it('Given a history with a birth naming the mother and a household with a head and members, Then every person named in a person field is disclosed, once', () => {
    const history = { citizenId: CHILD, events: [{ data: { citizenId: CHILD, parents: { motherId: MOTHER } }, metadata: { actor: { id: 'clerk-1', role: 'registrar' } } }] };
    expect(personsIn(history)).toEqual([MOTHER, CHILD].sort());
    expect(personsIn({ householdId: 'h-1', head: HEAD, members: [{ citizenId: CHILD }, { citizenId: HEAD }] })).toEqual([HEAD, CHILD].sort());
  });

  it('Given fields that are not person references, or values that are not citizen ids, Then nothing is disclosed by them', () => {
    expect(personsIn({ subject: CHILD, head: '12/3', householdId: 'h-1', members: [{ citizenId: null }], note: MOTHER })).toEqual([]);
    expect(householdsOf([{ householdId: 'h-2' }, { householdId: 'h-1' }, { householdId: 'h-2' }])).toEqual(['h-1', 'h-2']);
  });
});

describe('the record of a disclosure', () => {
  const principal = { subject: 'clerk-1', role: 'registrar' as const, regions: ['4101'], grants: [], office: '410102', expiresAt: 0 };
  const at = new Date('2026-03-01T08:00:00.000Z');

  it('Given the same disclosure with ids in another order or repeated, Then the record text is the same, its index one entry per id', () => {
    const a = recordOf({ principal, purpose: '核查', route: 'GET /households/:householdId', persons: [CHILD, HEAD, CHILD], households: ['h-1'] }, at);
    const b = recordOf({ purpose: '核查', route: 'GET /households/:householdId', households: ['h-1'], persons: [HEAD, CHILD], principal }, at);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toEqual({ at: at.toISOString(), subject: 'clerk-1', role: 'registrar', office: '410102', purpose: '核查', route: 'GET /households/:householdId', persons: [HEAD, CHILD].sort(), households: ['h-1'] });
    expect(indexEntriesOf(a)).toEqual([...[HEAD, CHILD].sort().map((id) => ['person', id]), ['household', 'h-1']]);
  });

  it('Given a record, Then its hash depends on the previous hash, the sequence and every character of the text', () => {
    const text = JSON.stringify(recordOf({ principal, purpose: '核查', route: 'GET /persons/:citizenId', persons: [CHILD] }, at));
    const base = disclosureHash(GENESIS_HASH, 1, text);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect([disclosureHash(base, 1, text), disclosureHash(GENESIS_HASH, 2, text), disclosureHash(GENESIS_HASH, 1, text.replace('核查', '核对'))].filter((h) => h === base)).toEqual([]);
  });
});
