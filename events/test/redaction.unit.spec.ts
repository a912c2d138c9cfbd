import Ajv2020 from 'ajv/dist/2020';
import { createHmac } from 'node:crypto';
import {
  cloudEventOf, EVENT_TYPES, isCalendarDate, jsonSchemaOf, PSEUDONYM_PATTERN, type RecordedEvent, redactedData, redactedJsonSchemaOf, type RegistryEventType,
} from '..';
import { SAMPLES } from './samples';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
ajv.addKeyword('x-stream-category').addKeyword('x-schema-version').addFormat('date', (v: string) => isCalendarDate(v)).addFormat('date-time', /^\d{4}-\d{2}-\d{2}T/);
const validatorOf = (schema: Record<string, unknown>) => ajv.getSchema(schema.$id as string) ?? ajv.compile(schema);
const problemsOf = (schema: Record<string, unknown>, data: unknown) => {
  const validate = validatorOf(schema);
  return validate(data) ? [] : validate.errors;
};

/** A keyed pseudonym in the published form (the API keys it per subscriber; any key does here). */
const pseudonym = (id: string): string => `p-${createHmac('sha256', 'test-key').update(id).digest('base64url').slice(0, 22)}`;

const recorded = (type: RegistryEventType, data: unknown, effectiveDate = '2026-01-17', stream = 'person-41010520260101002X'): RecordedEvent => ({
  id: '3b241101-e2bb-4255-8caf-4136c566a962', stream, revision: 0, position: '42', recordedAt: '2026-02-03T02:00:00.000Z', type, data: data as Record<string, unknown>,
  metadata: { schemaVersion: 1, effectiveDate, actor: { id: 'r-7', role: 'registrar', office: '410105' }, correlationId: '9d2c0a7e-1b8f-4c3d-a5e6-7f8091a2b3c4' },
});

describe('脱敏: redacted events and their schemas', () => {
  it.each(EVENT_TYPES)('Given a %s sample, When redacted, Then it validates against its redacted schema, and the full sample against the full schema', (type) => {
    expect(problemsOf(jsonSchemaOf(type), SAMPLES[type])).toEqual([]);
    expect(problemsOf(redactedJsonSchemaOf(type), redactedData(type, SAMPLES[type], pseudonym))).toEqual([]);
  });

  it.each(EVENT_TYPES)('Given the redacted schema of %s, Then it has its own $id, is closed, and refuses the full payload wherever a field is withheld, pseudonymised or coarsened', (type) => {
    const schema = redactedJsonSchemaOf(type);
    expect(schema.$id).not.toBe(jsonSchemaOf(type).$id);
    expect(schema.additionalProperties).toBe(false);
    const redacted = redactedData(type, SAMPLES[type], pseudonym);
    const changed = JSON.stringify(redacted) !== JSON.stringify(SAMPLES[type]);
    expect(validatorOf(schema)(SAMPLES[type])).toBe(!changed);
  });

  it('Given a birth, When redacted, Then the ids are pseudonyms, the date of birth is its month, the name and place of birth are gone, and the enumerations and the village pass', () => {
    expect(redactedData('BirthRegistered', SAMPLES.BirthRegistered, pseudonym)).toEqual({
      citizenId: pseudonym('41010520260101002X'), sex: 'female', dateOfBirth: '2026-01', parents: { motherId: pseudonym('410105199001010022') },
      householdId: 'h-410105-000001', relationToHead: 'child', regionCode: '410105001001', registrationType: 'resident',
    });
    expect(pseudonym('41010520260101002X')).toMatch(new RegExp(PSEUDONYM_PATTERN));
  });

  it('Given a birth, When it leaves as a redacted CloudEvent, Then subject is the pseudonym, effectivedate its month, dataschema the redacted schema, hujipseudonymkey the key named, and no correlation id', () => {
    const event = cloudEventOf(recorded('BirthRegistered', SAMPLES.BirthRegistered), { pseudonym, pseudonymKeyId: 'k0.AbCdEfGh' });
    expect(event).toMatchObject({ subject: pseudonym('41010520260101002X'), effectivedate: '2026-01', time: '2026-02-03T02:00:00.000Z', hujiredacted: true, hujipseudonymkey: 'k0.AbCdEfGh' });
    expect(event.dataschema).toBe(redactedJsonSchemaOf('BirthRegistered').$id);
    expect(event.correlationid).toBeUndefined();
    expect(cloudEventOf(recorded('BirthRegistered', SAMPLES.BirthRegistered), { pseudonym })).not.toHaveProperty('hujipseudonymkey');
  });

  it('Given a move and a household event, When redacted, Then their effective dates stay whole (they reveal no birth) and a household subject stays its id', () => {
    expect(cloudEventOf(recorded('HukouMigrated', SAMPLES.HukouMigrated), { pseudonym }).effectivedate).toBe('2026-01-17');
    const household = cloudEventOf(recorded('HouseholdEstablished', SAMPLES.HouseholdEstablished, '2026-01-17', 'household-h-2'), { pseudonym });
    expect([household.subject, household.data.head, household.data.address]).toEqual(['h-2', pseudonym('11010519491231002X'), undefined]);
  });

  it('Given a head changed on the death of the head and a household dissolved, When redacted, Then their effective dates are months: the day would be the day of a death, joined through the pseudonym of the previous head', () => {
    const changed = cloudEventOf(recorded('HouseholdHeadChanged', SAMPLES.HouseholdHeadChanged, '2026-01-17', 'household-h-2'), { pseudonym });
    const dissolved = cloudEventOf(recorded('HouseholdDissolved', SAMPLES.HouseholdDissolved, '2026-01-17', 'household-h-2'), { pseudonym });
    expect([changed.effectivedate, dissolved.effectivedate]).toEqual(['2026-01', '2026-01']);
    expect(cloudEventOf(recorded('HouseholdHeadChanged', SAMPLES.HouseholdHeadChanged, '2026-01-17', 'household-h-2')).effectivedate).toBe('2026-01-17');
  });

  it('Given the personal-data grant (no pseudonym), When the event leaves, Then it is the full event: payload, subject, effective date, correlation id and full schema as recorded', () => {
    const e = recorded('BirthRegistered', SAMPLES.BirthRegistered);
    expect(cloudEventOf(e)).toEqual({
      specversion: '1.0', id: e.id, source: '/huji/person', type: 'huji.BirthRegistered.v1', subject: '41010520260101002X', time: e.recordedAt, datacontenttype: 'application/json',
      dataschema: jsonSchemaOf('BirthRegistered').$id, data: SAMPLES.BirthRegistered, hujiposition: '42', hujirevision: 0, effectivedate: '2026-01-17', correlationid: e.metadata.correlationId,
    });
  });

  it.each([
    ['sex', 'male', 'female', 'male', 'female'],
    ['dateOfBirth', '1949-12-31', '1950-01-02', '1949-12', '1950-01'],
    ['dateOfDeath', '', '2020-02-03', undefined, '2020-02'],
    ['name', '李秀瑛', '李秀英', undefined, undefined],
    ['placeOfBirth', '410105001001', '410105001002', undefined, undefined],
  ])('Given a correction of %s, When redacted, Then previous and corrected follow the field: an enumeration as is, a date its month, anything else withheld', (field, previous, corrected, sentPrevious, sentCorrected) => {
    const data = { ...SAMPLES.RecordCorrected, field, previous, corrected };
    const out = redactedData('RecordCorrected', data, pseudonym);
    expect([out.previous, out.corrected, out.reason, out.evidence]).toEqual([sentPrevious, sentCorrected, undefined, undefined]);
    expect(problemsOf(redactedJsonSchemaOf('RecordCorrected'), out)).toEqual([]);
  });
});

describe('free text never: the regressions of the deny-list', () => {
  const ID = '410105199001010022';
  const NAME = '王小明';

  it('Given a permit cancellation whose reason holds a name and a raw citizen id, When redacted, Then neither appears anywhere in the event', () => {
    const data = { ...SAMPLES.ResidencePermitCancelled, reason: `${NAME}（${ID}）已搬离` };
    const text = JSON.stringify(cloudEventOf(recorded('ResidencePermitCancelled', data), { pseudonym }));
    expect([text.includes(ID), text.includes(NAME), text.includes('搬离')]).toEqual([false, false, false]);
  });

  it('Given an imported registration with a note naming a person and an id, When redacted, Then the note, the name and the id are gone', () => {
    const data = { ...SAMPLES.PersonRegistered, note: `据${NAME}口述，原身份证号 ${ID}\n户籍档案第3卷` };
    const text = JSON.stringify(cloudEventOf(recorded('PersonRegistered', data), { pseudonym }));
    expect([text.includes(ID), text.includes(NAME), text.includes('档案'), text.includes(SAMPLES.PersonRegistered.name)]).toEqual([false, false, false, false]);
  });

  it('Given free text typed into fields the schema leaves open (a category, a code, a rule id, a refusal\'s actual value), When redacted, Then they are withheld, never copied: a code passes only as a code, and no run of seven digits is one', () => {
    const data = {
      ...SAMPLES.SettlementRefused, category: NAME, code: `${ID}`,
      unmet: [{ ruleId: `${NAME}的规则`, condition: 'SETTLEMENT.INSURANCE_TOO_SHORT', required: '24 months', actual: `${NAME} ${ID}` }],
    };
    const out = redactedData('SettlementRefused', data, pseudonym);
    expect([JSON.stringify(out).includes(NAME), JSON.stringify(out).includes(ID)]).toEqual([false, false]);
    expect(out.unmet).toEqual([{ condition: 'SETTLEMENT.INSURANCE_TOO_SHORT' }]);
    expect(out.category).toBeUndefined();
    expect(problemsOf(redactedJsonSchemaOf('SettlementRefused'), out)).toEqual([]);
  });

  it('Given a stored event with a field no schema has (written before a check, or by hand), When redacted, Then it is not sent: the walk follows the allow-list, not the payload', () => {
    const out = redactedData('HouseholdDissolved', { ...SAMPLES.HouseholdDissolved, secret: `${NAME} ${ID}` }, pseudonym);
    expect(out).toEqual(SAMPLES.HouseholdDissolved);
  });

  it('Given a stored event whose closed fields hold text (recorded before its schema was checked), When redacted, Then those values are withheld: pass sends only the form the schema states', () => {
    const data = { ...SAMPLES.HouseholdEstablished, regionCode: `${NAME}家`, kind: NAME, head: ID };
    expect(redactedData('HouseholdEstablished', data, pseudonym)).toEqual({ householdId: 'h-2', head: pseudonym(ID) });
  });
});
