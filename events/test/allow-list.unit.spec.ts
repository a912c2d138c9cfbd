import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOW_LIST, allowListProblems, CATALOGUE, classificationProblems, EVENT_TYPES, type JsonSchema, leavesOf, redactionTable, type Shape, shapeOf } from '..';

const birthSchema = CATALOGUE.BirthRegistered.data.json;
const withProperty = (json: JsonSchema, key: string, schema: JsonSchema): JsonSchema => ({ ...json, properties: { ...(json.properties as object), [key]: schema } });

describe('公开事件白名单: the allow-list classifies every field', () => {
  it('Given the catalogue, Then every event type has an allow-list, and no allow-list names a type outside it', () => {
    expect(Object.keys(ALLOW_LIST).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENT_TYPES)('Given %s, When its published schema is walked, Then every property (nested ones too) has a rule that fits it, and the allow-list names nothing the schema lacks', (type) => {
    expect(allowListProblems(type)).toEqual([]);
  });

  it('Given a field added to an event\'s schema and not to the allow-list, Then it is reported unclassified — at the top and nested', () => {
    const nickname = withProperty(birthSchema, 'nickname', { type: 'string', maxLength: 50 });
    expect(classificationProblems(shapeOf('BirthRegistered'), nickname)).toEqual([expect.stringMatching(/^nickname: not classified/)]);
    const parents = (birthSchema.properties as Record<string, JsonSchema>).parents!;
    const grandfather = withProperty(birthSchema, 'parents', withProperty(parents, 'grandfatherId', { type: 'string' }));
    expect(classificationProblems(shapeOf('BirthRegistered'), grandfather)).toEqual([expect.stringMatching(/^parents\.grandfatherId: not classified/)]);
    const members = (CATALOGUE.FamilySettlementCompleted.data.json.properties as Record<string, JsonSchema>).members!;
    const items = withProperty(members.items as JsonSchema, 'phone', { type: 'string' });
    expect(classificationProblems(shapeOf('FamilySettlementCompleted'), withProperty(CATALOGUE.FamilySettlementCompleted.data.json, 'members', { ...members, items })))
      .toEqual([expect.stringMatching(/^members\[\]\.phone: not classified/)]);
  });

  it('Given an allow-list naming a field the schema does not have, Then it is reported (a stale entry)', () => {
    expect(classificationProblems({ ...shapeOf('HouseholdDissolved'), mergedInto: 'pass' }, CATALOGUE.HouseholdDissolved.data.json)).toEqual(['mergedInto: in the allow-list, not in the schema']);
  });

  it.each<[string, Shape, RegExp]>([
    ['free text passed', { ...shapeOf('BirthRegistered'), name: 'pass' }, /^name is free text: free text never passes/],
    ['a raw citizen id passed', { ...shapeOf('BirthRegistered'), citizenId: 'pass' }, /^citizenId is a citizen id: it must be pseudonymised or withheld, not pass/],
    ['a citizen id sent as a code', { ...shapeOf('BirthRegistered'), parents: { fatherId: 'code', motherId: 'pseudonym' } }, /^parents\.fatherId is a citizen id/],
    ['a name pseudonymised', { ...shapeOf('BirthRegistered'), name: 'pseudonym' }, /^name is not a citizen id/],
    ['sex coarsened to a month', { ...shapeOf('BirthRegistered'), sex: 'month' }, /^sex is not a date/],
  ])('Given a rule that does not fit (%s), Then it is reported', (_case, shape, problem) => {
    expect(classificationProblems(shape, birthSchema)).toEqual([expect.stringMatching(problem)]);
  });

  it('Given every leaf of every allow-list, Then every field naming a person (citizenId, parents, principal applicant, heads) is pseudonymised, never sent raw', () => {
    const references = new Set(['citizenId', 'fatherId', 'motherId', 'principalApplicant', 'head', 'previousHead', 'newHead']);
    const leaves = EVENT_TYPES.flatMap((type) => leavesOf(shapeOf(type)).map(([path, rule]) => [`${type}.${path}`, rule] as const));
    const named = leaves.filter(([path]) => references.has(path.split('.').at(-1)!));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter(([, rule]) => rule !== 'pseudonym')).toEqual([]);
  });

  it('Given events/README.md, Then its table of what a subscriber without the grant receives is the one the allow-list generates', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const table = /<!-- redaction-table:start -->\n([\s\S]*?)\n<!-- redaction-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(redactionTable());
  });
});
