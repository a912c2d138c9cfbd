import Ajv2020 from 'ajv/dist/2020';
import { EVENT_TYPES, isCalendarDate, jsonSchemaOf, redactedJsonSchemaOf } from '../../../../events';
import { cityFeed } from '../citizen-id/city-feed';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
ajv.addKeyword('x-stream-category').addKeyword('x-schema-version').addFormat('date', (v: string) => isCalendarDate(v)).addFormat('date-time', /^\d{4}-\d{2}-\d{2}T/);
const full = new Map(EVENT_TYPES.map((t) => [t, ajv.compile(jsonSchemaOf(t))]));
const redactedSchemas = new Map(EVENT_TYPES.map((t) => [t, ajv.compile(redactedJsonSchemaOf(t))]));

const { records, redacted } = cityFeed(3_000, 42);

/** Every string anywhere in a value. */
const stringsOf = (value: unknown): string[] =>
  (typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(stringsOf) : []);

describe('the feed of a synthetic city without the personal-data grant (脱敏)', () => {
  it('Given every event of a 3,000-person city, When sent without the grant, Then each payload validates against its redacted schema (named by dataschema) and each full payload against its full schema', () => {
    const typeOf = (i: number) => records[i]!.type;
    const badFull = records.filter((r) => !full.get(r.type)!(r.data)).map((r) => [r.type, full.get(r.type)!.errors]);
    const badRedacted = redacted.map((e, i) => [e, redactedSchemas.get(typeOf(i))!] as const).filter(([e, v]) => !v(e.data)).map(([e, v]) => [e.type, v.errors]);
    const misnamed = redacted.filter((e, i) => e.dataschema !== redactedJsonSchemaOf(typeOf(i)).$id);
    expect(records.length).toBeGreaterThan(9_000);
    expect(new Set(records.map((r) => r.type)).size).toBeGreaterThanOrEqual(15);
    expect([badFull.slice(0, 3), badRedacted.slice(0, 3), misnamed.slice(0, 3)]).toEqual([[], [], []]);
  });

  it('Given every citizen id, name, address, permit and death certificate number of the city, When its whole feed without the grant is searched, Then none of them appears, and every person is a pseudonym', () => {
    const ids = new Set<string>();
    const words = new Set<string>();
    for (const r of records) {
      const d = r.data as Record<string, unknown>;
      if (typeof d.citizenId === 'string') ids.add(d.citizenId);
      for (const key of ['name', 'address', 'permitNo', 'deathCertificateRef']) if (typeof d[key] === 'string') words.add(d[key]);
    }
    const text = JSON.stringify(redacted);
    const leakedIds = [...text.matchAll(/\d{17}[\dX]/g)].map((m) => m[0]).filter((s) => ids.has(s));
    const leakedWords = redacted.flatMap((e) => stringsOf(e)).filter((s) => words.has(s));
    expect(ids.size).toBeGreaterThan(3_000);
    expect(words.size).toBeGreaterThan(1_000);
    expect([leakedIds.slice(0, 3), leakedWords.slice(0, 3)]).toEqual([[], []]);
    expect(redacted.filter((e) => e.source === '/huji/person' && !/^p-[A-Za-z0-9_-]{22}$/.test(e.subject)).slice(0, 3)).toEqual([]);
  });
});
