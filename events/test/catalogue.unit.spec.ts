import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, EVENT_TYPES, eventMetadata, isRegistryEventType, jsonSchemaOf, parseStream, personStream } from '..';
import { SAMPLES } from './samples';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
ajv.addKeyword('x-stream-category').addKeyword('x-schema-version').addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
const validatorOf = (type: (typeof EVENT_TYPES)[number]) => ajv.getSchema(jsonSchemaOf(type).$id as string) ?? ajv.compile(jsonSchemaOf(type));

describe('the event catalogue', () => {
  it.each(EVENT_TYPES)('Given a valid %s payload, When validated against its published schema, Then it passes', (type) => {
    const validate = validatorOf(type);
    expect(validate(SAMPLES[type]) ? [] : validate.errors).toEqual([]);
  });

  it.each(EVENT_TYPES)('Given a %s payload with an unknown property, When validated, Then it is refused (schemas are closed)', (type) => {
    expect(validatorOf(type)({ ...SAMPLES[type], surprise: 1 })).toBe(false);
  });

  it('Given a birth with a malformed citizen id, date and region, When validated, Then every problem is reported', () => {
    const validate = validatorOf('BirthRegistered');
    const bad = { ...SAMPLES.BirthRegistered, citizenId: '4101052026010100', dateOfBirth: '2026-13-01', regionCode: '4101' };
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/citizenId', '/citizenId', '/dateOfBirth', '/regionCode', '/regionCode']);
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
