import { CATALOGUE, EVENT_TYPES, type RegistryEventType } from '../catalogue';
import { ALLOW_LIST, type Shape, shapeOf } from './allow-list';
import { type Rule } from './rules';

/**
 * The table of events/README.md "Without the personal-data grant", generated from the allow-list (a unit test
 * compares the README with it), so the documentation cannot say one thing and the feed send another.
 */

/** Every leaf of a shape with its dotted path (`parents.fatherId`, `members[].citizenId`) and rule. */
export const leavesOf = (shape: Shape, prefix = ''): [path: string, rule: Rule][] =>
  Object.entries(shape).flatMap(([key, field]): [string, Rule][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof field === 'string') return [[path, field]];
    if (Array.isArray(field)) return leavesOf((field as readonly [Shape])[0], `${path}[]`);
    return leavesOf(field as Shape, path);
  });

const NOTES: Partial<Record<Rule, string>> = { code: ' (a code)', 'document-no': ' (a 文号)', correction: ' (by `field`: an enumeration as is, a date as its month)' };

const cell = (leaves: readonly [string, Rule][], rules: readonly Rule[]): string =>
  leaves.filter(([, r]) => rules.includes(r)).map(([p, r]) => `\`${p}\`${NOTES[r] ?? ''}`).join(', ') || '—';

const row = (type: RegistryEventType): string => {
  const leaves = leavesOf(shapeOf(type));
  const subject = CATALOGUE[type].category === 'person' ? 'pseudonym' : 'as is';
  const effective = ALLOW_LIST[type].effectiveDate === 'month' ? 'month' : 'as is';
  return `| \`${type}\` | ${cell(leaves, ['pass'])} | ${cell(leaves, ['pseudonym'])} | ${cell(leaves, ['month'])} | ${cell(leaves, ['code', 'document-no', 'correction'])} | ${cell(leaves, ['withhold'])} | ${subject} | ${effective} |`;
};

/** The README table: per event type, what passes, what is pseudonymised, coarsened, sent only in a closed form, withheld; and two attributes. */
export const redactionTable = (): string => [
  '| event | sent as is | pseudonymised (`p-…`) | coarsened to `YYYY-MM` | sent only in that form, else withheld | withheld | `subject` | `effectivedate` |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...EVENT_TYPES.map(row),
].join('\n');

/** The field names that name a person in some event (the allow-list pseudonymises them): `citizenId`, `head`, `fatherId` … */
export const personReferenceFields = (): ReadonlySet<string> =>
  new Set(EVENT_TYPES.flatMap((type) => leavesOf(shapeOf(type)).filter(([, rule]) => rule === 'pseudonym').map(([path]) => path.slice(path.lastIndexOf('.') + 1))));
