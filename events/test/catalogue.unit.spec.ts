import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, EVENT_TYPES, eventMetadata, eventProblems, isCalendarDate, isRegistryEventType, jsonSchemaOf, parseStream, personStream } from '..';
import { SAMPLES } from './samples';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
ajv.addKeyword('x-stream-category').addKeyword('x-schema-version').addFormat('date', (v: string) => isCalendarDate(v)).addFormat('date-time', /^\d{4}-\d{2}-\d{2}T/);
const validatorOf = (type: (typeof EVENT_TYPES)[number]) => ajv.getSchema(jsonSchemaOf(type).$id as string) ?? ajv.compile(jsonSchemaOf(type));

describe('the event catalogue', () => {
  it.each(EVENT_TYPES)('Given a valid %s payload, When validated against its published schema, Then it passes', (type) => {
    const validate = validatorOf(type);
    expect(validate(SAMPLES[type]) ? [] : validate.errors).toEqual([]);
  });

  it.each(EVENT_TYPES)('Given a %s payload with an unknown property, When validated, Then it is refused (schemas are closed)', (type) => {
    expect(validatorOf(type)({ ...SAMPLES[type], surprise: 1 })).toBe(false);
  });

  it.each(EVENT_TYPES)('Given %s payloads mutated field by field, When checked by the built-in checker and by ajv, Then both agree on every one', (type) => {
    const validate = validatorOf(type);
    const sample = SAMPLES[type] as Record<string, unknown>;
    const mutations: unknown[] = [sample, { ...sample, extra: true }, null, []];
    for (const key of Object.keys(sample)) {
      const { [key]: _dropped, ...without } = sample;
      mutations.push(without, { ...sample, [key]: 12345 }, { ...sample, [key]: '' }, { ...sample, [key]: 'x'.repeat(600) }, { ...sample, [key]: { nested: 1 } });
      // The character rule (events/characters.ts): the published pattern and the checker agree on a bidi override, a NUL, a lone surrogate and a line break.
      for (const bad of ['王\u202e明', 'a\u0000b', 'a\ud800', 'a\nb']) mutations.push({ ...sample, [key]: bad });
    }
    for (const m of mutations) expect([m, eventProblems(type, m).length === 0]).toEqual([m, validate(m)]);
  });

  it('Given a birth with a malformed citizen id, date and region, When checked by the built-in checker, Then every field is named', () => {
    const bad = { ...SAMPLES.BirthRegistered, citizenId: '4101052026010100', dateOfBirth: '2026-13-01', regionCode: '4101', surprise: 1 };
    expect(eventProblems('BirthRegistered', bad).map((p) => p.path)).toEqual(['citizenId', 'dateOfBirth', 'regionCode', 'surprise']);
    expect(eventProblems('NoSuchEvent', {})).toMatchObject([{ path: 'type' }]);
  });

  it('Given a birth with a malformed citizen id, date and region, When validated, Then every problem is reported', () => {
    const validate = validatorOf('BirthRegistered');
    const bad = { ...SAMPLES.BirthRegistered, citizenId: '4101052026010100', dateOfBirth: '2026-13-01', regionCode: '4101' };
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/citizenId', '/citizenId', '/dateOfBirth', '/dateOfBirth', '/regionCode', '/regionCode']);
  });

  it('Given a migration without its own application, When validated, Then it is refused (no 被落户)', () => {
    expect(validatorOf('HukouMigrated')({ ...SAMPLES.HukouMigrated, ownApplication: 'no' })).toBe(false);
  });

  it('Given the metadata envelope, When a complete one is validated, Then it passes; without effective date or actor, Then it fails', () => {
    const validate = ajv.compile(eventMetadata.json);
    const meta = { schemaVersion: 1, effectiveDate: '2026-01-01', actor: { id: 'r-7', role: 'registrar', office: '410105' }, correlationId: '3b241101-e2bb-4255-8caf-4136c566a962' };
    expect(validate(meta)).toBe(true);
    expect(validate({ ...meta, effectiveDate: undefined, actor: undefined })).toBe(false);
  });

  it('Given the catalogue, Then each type sits in the stream category its name says and has a Chinese term', () => {
    for (const type of EVENT_TYPES) {
      expect(CATALOGUE[type].term).toMatch(/[\u4e00-\u9fff]/);
      expect(jsonSchemaOf(type)['x-stream-category']).toBe(CATALOGUE[type].category);
    }
    expect(isRegistryEventType('BirthRegistered')).toBe(true);
    expect(isRegistryEventType('toString')).toBe(false);
  });

  it('Given the README for downstream users, Then it documents every event type with its Chinese term', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const missing = EVENT_TYPES.filter((type) => !readme.includes(`\`${type}\``) || !readme.includes(CATALOGUE[type].term));
    expect(missing).toEqual([]);
  });

  it('Given stream names, When parsed, Then the category and id come back; foreign names are not ours', () => {
    expect(parseStream(personStream('11010519491231002X'))).toEqual({ category: 'person', id: '11010519491231002X' });
    expect(parseStream('household-h-1')).toEqual({ category: 'household', id: 'h-1' });
    expect(parseStream('import-b1')).toBeUndefined();
    expect(parseStream('person-')).toBeUndefined();
  });
});

describe('the recorded-event envelope for downstream systems', () => {
  it('Given an event as the store returns it, When checked against the envelope, Then it passes; without id or recorded-at, Then both are named', async () => {
    const { recordedEvent } = await import('..');
    const event = {
      id: '3b241101-e2bb-4255-8caf-4136c566a962', stream: 'person-11010519491231002X', revision: 0, position: '42', recordedAt: '2026-11-23T02:00:00.000Z', type: 'BirthRegistered',
      data: SAMPLES.BirthRegistered, metadata: { schemaVersion: 1, effectiveDate: '2026-01-01', actor: { id: 'r-7', role: 'registrar', office: '410105' }, correlationId: '3b241101-e2bb-4255-8caf-4136c566a962' },
    };
    expect(recordedEvent.check(event, '')).toEqual([]);
    const { id: _id, recordedAt: _at, ...bare } = event;
    expect(recordedEvent.check(bare, '').map((p) => p.path)).toEqual(['id', 'recordedAt']);
    expect(ajv.compile(recordedEvent.json)(event)).toBe(true);
  });
});
