import { personReferenceFields } from '../../../../events/public';
/**
 * 披露范围: whose personal data an answer holds. A field naming a person (the keys the feed's allow-list
 * pseudonymises, events/public) anywhere in the answer is a disclosure of that person: the person read, a
 * household's head and members, a child's parents in a history, the principal applicant of a family
 * settlement, every listed candidate.
 */
const PERSON_REFERENCES = personReferenceFields();
const CITIZEN_ID = /^[0-9]{17}[0-9X]$/;

const collect = (value: unknown, into: Set<string>): void => {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') {
      if (PERSON_REFERENCES.has(key) && CITIZEN_ID.test(v)) into.add(v);
    } else collect(v, into);
  }
};

/** The citizen ids an answer discloses, distinct and sorted. */
export const personsIn = (answer: unknown): string[] => {
  const ids = new Set<string>();
  collect(answer, ids);
  return [...ids].sort();
};

/** The household ids a list of persons' entries names (应销未销 candidates each carry their household). */
export const householdsOf = (entries: readonly { readonly householdId: string }[]): string[] => [...new Set(entries.map((e) => e.householdId))].sort();
