import { CATALOGUE, isRegistryEventType } from './catalogue';
import { type RecordedEvent } from './envelope';
import { parseStream } from './streams';

/**
 * The CloudEvents 1.0 mapping (JSON event format) of a recorded event, the form downstream systems
 * receive on `GET /events`:
 * - `id`: the event id (a UUID, unique in the log); `source`: `/huji/<stream category>`;
 * - `type`: `huji.<EventType>.v<schema version>` (the version changes only with a new schema);
 * - `subject`: the stream's id (a citizen id, household id or jurisdiction prefix — pseudonymised without
 *   the personal-data grant); `time`: when the registry recorded it;
 * - `dataschema`: the published JSON Schema of the payload; `data`: the payload;
 * - extensions: `hujiposition` (the `$all` position: resume after it with `Last-Event-ID` or `?from=`),
 *   `hujirevision` (the revision in its stream), `effectivedate` (the legal date of the fact),
 *   `correlationid`, and `hujiredacted` when personal fields were withheld.
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
  readonly correlationid: string;
  readonly hujiredacted?: boolean;
}

/** Fields naming a person (replaced by a pseudonym) and fields describing one (withheld) without the personal-data grant. */
const PERSON_REFERENCES = new Set(['citizenId', 'fatherId', 'motherId', 'principalApplicant', 'head', 'previousHead', 'newHead']);
const PERSONAL_FIELDS = new Set(['name', 'dateOfBirth', 'placeOfBirth', 'address', 'previousAddress', 'deathCertificateRef', 'consentRef', 'applicationRef', 'releaseRef', 'permitNo', 'evidence', 'facts', 'detail']);
const CORRECTED_PERSONAL = new Set(['name', 'dateOfBirth', 'placeOfBirth']);

const redactValue = (value: unknown, pseudonym: (id: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, pseudonym));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (PERSONAL_FIELDS.has(k)) continue;
    out[k] = PERSON_REFERENCES.has(k) && typeof v === 'string' ? pseudonym(v) : redactValue(v, pseudonym);
  }
  return out;
};

/**
 * The payload without personal data: names, dates and places of birth, addresses and document numbers are
 * withheld (so are application refs, evidence and a correction's free-text reason); citizen ids become stable pseudonyms (the same person always gets the same one), so a
 * subscriber can still follow a person's events without learning who it is. A corrected personal field
 * keeps only which field was corrected.
 */
export const redactPersonalData = (type: string, data: Readonly<Record<string, unknown>>, pseudonym: (id: string) => string): Record<string, unknown> => {
  const out = redactValue(data, pseudonym) as Record<string, unknown>;
  if (type === 'RecordCorrected') {
    delete out.reason; // free text: it may name documents or people
    if (CORRECTED_PERSONAL.has(String(data.field))) {
      delete out.previous;
      delete out.corrected;
    }
  }
  return out;
};

export const cloudEventOf = (e: RecordedEvent, options: { readonly pseudonym?: (id: string) => string } = {}): CloudEvent => {
  const stream = parseStream(e.stream);
  const version = isRegistryEventType(e.type) ? CATALOGUE[e.type].schemaVersion : e.metadata.schemaVersion;
  const redact = options.pseudonym;
  const subject = stream ? (redact && stream.category === 'person' ? redact(stream.id) : stream.id) : e.stream;
  return {
    specversion: '1.0', id: e.id, source: `/huji/${stream?.category ?? 'unknown'}`, type: `huji.${e.type}.v${version}`, subject, time: e.recordedAt,
    datacontenttype: 'application/json', dataschema: `https://huji.example/events/${e.type}/v${version}.json`,
    data: redact ? redactPersonalData(e.type, e.data, redact) : e.data,
    hujiposition: e.position, hujirevision: e.revision, effectivedate: e.metadata.effectiveDate, correlationid: e.metadata.correlationId,
    ...(redact ? { hujiredacted: true } : {}),
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
