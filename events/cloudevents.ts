import { CATALOGUE, isRegistryEventType } from './catalogue';
import { type RecordedEvent } from './envelope';
import { redactedData, redactedEffectiveDate, redactedSchemaId } from './public';
import { parseStream } from './streams';

/**
 * The CloudEvents 1.0 mapping (JSON event format) of a recorded event, the form downstream systems
 * receive on `GET /events`:
 * - `id`: the event id (a UUID, unique in the log); `source`: `/huji/<stream category>`;
 * - `type`: `huji.<EventType>.v<schema version>` (the version changes only with a new schema);
 * - `subject`: the stream's id (a citizen id, household id or jurisdiction prefix — a pseudonym for a person's
 *   stream without the personal-data grant); `time`: when the registry recorded it;
 * - `dataschema`: the published JSON Schema of the payload (of the redacted payload, when redacted); `data`: the payload;
 * - extensions: `hujiposition` (the `$all` position: resume after it with `Last-Event-ID` or `?from=`),
 *   `hujirevision` (the revision in its stream), `effectivedate` (the legal date of the fact; its month where it
 *   reveals a birth, when redacted), `correlationid` (never when redacted), and, when redacted, `hujiredacted`
 *   and `hujipseudonymkey` (the id of the key the pseudonyms were made with).
 */
export interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly hujiposition: string;
  readonly hujirevision: number;
  readonly effectivedate: string;
  readonly correlationid?: string;
  readonly hujiredacted?: boolean;
  readonly hujipseudonymkey?: string;
}

export interface CloudEventOptions {
  /**
   * Without the personal-data grant: the subscriber's keyed pseudonym of a citizen id (`p-` and 22 base64url
   * characters). Given, the event is redacted by the allow-list (events/public): payload, `subject`, `effectivedate`.
   */
  readonly pseudonym?: (id: string) => string;
  /** The id of the key the pseudonyms are made with, sent as `hujipseudonymkey` on redacted events. */
  readonly pseudonymKeyId?: string;
}

const schemaVersionOf = (e: RecordedEvent): number => (isRegistryEventType(e.type) ? CATALOGUE[e.type].schemaVersion : e.metadata.schemaVersion);

/**
 * The event as CloudEvents. Built as one object literal per path, never by spreading a shared part: the feed maps
 * every event of every page, and spreads (compiled to helper calls) made it fifty times slower.
 */
const redactedCloudEvent = (e: RecordedEvent, pseudonym: (id: string) => string, keyId: string | undefined): CloudEvent => {
  const stream = parseStream(e.stream);
  const version = schemaVersionOf(e);
  const event: CloudEvent = {
    specversion: '1.0', id: e.id, source: `/huji/${stream?.category ?? 'unknown'}`, type: `huji.${e.type}.v${version}`,
    subject: stream ? (stream.category === 'person' ? pseudonym(stream.id) : stream.id) : e.stream, time: e.recordedAt,
    datacontenttype: 'application/json', dataschema: redactedSchemaId(e.type, version), data: redactedData(e.type, e.data, pseudonym),
    hujiposition: e.position, hujirevision: e.revision, effectivedate: redactedEffectiveDate(e.type, e.metadata.effectiveDate), hujiredacted: true,
  };
  return keyId === undefined ? event : Object.assign(event, { hujipseudonymkey: keyId });
};

export const cloudEventOf = (e: RecordedEvent, options: CloudEventOptions = {}): CloudEvent => {
  if (options.pseudonym) return redactedCloudEvent(e, options.pseudonym, options.pseudonymKeyId);
  const stream = parseStream(e.stream);
  const version = schemaVersionOf(e);
  return {
    specversion: '1.0', id: e.id, source: `/huji/${stream?.category ?? 'unknown'}`, type: `huji.${e.type}.v${version}`, subject: stream ? stream.id : e.stream,
    time: e.recordedAt, datacontenttype: 'application/json', dataschema: `https://huji.example/events/${e.type}/v${version}.json`, data: e.data,
    hujiposition: e.position, hujirevision: e.revision, effectivedate: e.metadata.effectiveDate, correlationid: e.metadata.correlationId,
  };
};

/** Every region code an event names (its registration, either end of a move, a permit's or residence's region, a jurisdiction). */
export const regionsNamedBy = (data: Readonly<Record<string, unknown>>): string[] => {
  const out: string[] = [];
  const take = (v: unknown): void => { if (typeof v === 'string') out.push(v); };
  take(data.regionCode); take(data.residenceRegionCode); take(data.jurisdiction); take(data.region);
  for (const key of ['from', 'to', 'destination']) take((data[key] as { regionCode?: unknown } | undefined)?.regionCode);
  return out;
};
