import { createHmac } from 'node:crypto';
import { cloudEventOf, type CloudEvent, type RecordedEvent } from '../../../../events';
import { generateCity, type SyntheticRecord } from '../../src/synthetic';

/** A keyed pseudonym in the published form `p-` + 22 base64url characters (the API keys it per subscriber). */
export const pseudonym = (id: string): string => `p-${createHmac('sha256', 'city-feed-test').update(id).digest('base64url').slice(0, 22)}`;

/** A generated record as the store delivers it: a position in `$all`, and recorded when its source recorded it. */
export const recordedOf = (r: SyntheticRecord, i: number): RecordedEvent => ({
  id: r.id, stream: r.stream, revision: r.revision, position: String(i + 1), recordedAt: r.metadata.originallyRecordedAt ?? '2026-01-01T00:00:00.000Z',
  type: r.type, data: r.data, metadata: r.metadata,
});

export interface CityFeed {
  readonly records: readonly SyntheticRecord[];
  /** Each record as a subscriber without the personal-data grant receives it, in the same order. */
  readonly redacted: readonly CloudEvent[];
}

/** A synthetic city (合成城市) and its feed without the personal-data grant. */
export const cityFeed = (persons: number, seed: number): CityFeed => {
  const records: SyntheticRecord[] = [];
  const city = generateCity({ persons, seed });
  for (let step = city.next(); !step.done; step = city.next()) records.push(...step.value);
  return { records, redacted: records.map((r, i) => cloudEventOf(recordedOf(r, i), { pseudonym, pseudonymKeyId: 'k0.testtest' })) };
};
