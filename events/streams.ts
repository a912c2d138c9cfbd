/**
 * Stream names are `category-id`, so EventStoreDB's `$by_category` works and the embedded store can
 * filter by category: `person-<citizenId>`, `household-<householdId>`, `jurisdiction-<region prefix>`.
 */
export type StreamCategory = 'person' | 'household' | 'jurisdiction';

export const personStream = (citizenId: string): string => `person-${citizenId}`;
export const householdStream = (householdId: string): string => `household-${householdId}`;
export const jurisdictionStream = (regionPrefix: string): string => `jurisdiction-${regionPrefix}`;

/** The category and id of a stream name, or undefined for a name outside the catalogue. */
export const parseStream = (stream: string): { readonly category: StreamCategory; readonly id: string } | undefined => {
  const dash = stream.indexOf('-');
  const category = stream.slice(0, dash);
  const id = stream.slice(dash + 1);
  if (dash < 1 || id === '') return undefined;
  return category === 'person' || category === 'household' || category === 'jurisdiction' ? { category, id } : undefined;
};
