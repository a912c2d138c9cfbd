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

/** Every attribute but the redactable ones, the same for both variants. */
const common = (e: RecordedEvent, category: string | undefined) => ({
  specversion: '1.0' as const, id: e.id, source: `/huji/${category ?? 'unknown'}`, type: `huji.${e.type}.v${schemaVersionOf(e)}`, time: e.recordedAt,
  datacontenttype: 'application/json' as const, hujiposition: e.position, hujirevision: e.revision,
});

/**
 * The redacted variant (no personal-data grant): the allow-listed payload (events/public), a pseudonym for a
 * person's stream, the effective date's month where it reveals a birth, no correlation id (a request id shared
 * with the registrar's systems joins what the pseudonyms keep apart), and the redacted schema.
 */
const redactedCloudEvent = (e: RecordedEvent, pseudonym: (id: string) => string, keyId: string | undefined): CloudEvent => {
  const stream = parseStream(e.stream);
  return {
    ...common(e, stream?.category),
    subject: stream ? (stream.category === 'person' ? pseudonym(stream.id) : stream.id) : e.stream,
    dataschema: redactedSchemaId(e.type, schemaVersionOf(e)),
    data: redactedData(e.type, e.data, pseudonym),
    effectivedate: redactedEffectiveDate(e.type, e.metadata.effectiveDate),
    hujiredacted: true,
    ...(keyId === undefined ? {} : { hujipseudonymkey: keyId }),
  };
};

export const cloudEventOf = (e: RecordedEvent, options: CloudEventOptions = {}): CloudEvent => {
  if (options.pseudonym) return redactedCloudEvent(e, options.pseudonym, options.pseudonymKeyId);
  const stream = parseStream(e.stream);
  return {
    ...common(e, stream?.category), subject: stream ? stream.id : e.stream, dataschema: `https://huji.example/events/${e.type}/v${schemaVersionOf(e)}.json`,
    data: e.data, effectivedate: e.metadata.effectiveDate, correlationid: e.metadata.correlationId,
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
