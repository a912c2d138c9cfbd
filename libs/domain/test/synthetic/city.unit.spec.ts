import Ajv2020 from 'ajv/dist/2020';
import { CATALOGUE, eventMetadata, jsonSchemaOf, type RegistryEventType } from '../../../../events';
import { yearsBetween } from '../../src/shared/dates';
import { generateCity, type SyntheticRecord } from '../../src/synthetic';

const run = (persons: number, seed: number): { records: SyntheticRecord[]; summary: { residents: number; imported: number; counts: Record<string, number> } } => {
  const records: SyntheticRecord[] = [];
  const city = generateCity({ persons, seed });
  for (let step = city.next(); ; step = city.next()) {
    if (step.done) return { records, summary: step.value };
    records.push(...step.value);
  }
};

const { records, summary } = run(3_000, 42);

describe('the synthetic city (合成城市)', () => {
  it('Given the same seed twice, Then the event streams are identical; another seed, Then they differ', () => {
    expect(JSON.stringify(run(500, 7).records)).toBe(JSON.stringify(run(500, 7).records));
    expect(JSON.stringify(run(500, 8).records)).not.toBe(JSON.stringify(run(500, 7).records));
  });

  it('Given 3,000 census-day residents asked, Then the history imports fewer in 2010 (the children born since are births) and every kind of life event occurs', () => {
    expect(summary.residents).toBe(3_000);
    expect(summary.imported).toBeGreaterThan(2_000);
    expect(summary.imported).toBeLessThan(3_000);
    expect(Object.keys(summary.counts).filter((k) => k.startsWith('refused'))).toEqual([]); // every generated command passed the rules
    for (const type of ['PersonRegistered', 'BirthRegistered', 'DeathRegistered', 'HukouMigrated', 'SettlementRefused', 'RegistrationTypeUnified', 'ResidencePermitIssued', 'ResidencePermitRenewed', 'ResidencePermitCancelled', 'ActualResidenceRegistered', 'HouseholdEstablished', 'HouseholdHeadChanged', 'HouseholdDissolved', 'UnificationCutoverDeclared', 'SettlementPolicyEnacted'])
      expect(summary.counts[type] ?? 0).toBeGreaterThan(0);
  });

  it('Given every record, Then its data and metadata validate against the published schemas', () => {
    const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
    ajv.addKeyword('x-stream-category').addKeyword('x-schema-version').addFormat('date', /^\d{4}-\d{2}-\d{2}$/).addFormat('date-time', /^\d{4}-\d{2}-\d{2}T/);
    const validators = new Map(Object.keys(CATALOGUE).map((t) => [t, ajv.compile(jsonSchemaOf(t as RegistryEventType))]));
    const meta = ajv.compile(eventMetadata.json);
    const invalid = records.filter((r) => !validators.get(r.type)!(r.data) || !meta(r.metadata));
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('Given every stream, Then its revisions run 0, 1, 2 … in output order, so an import appends each at its exact place', () => {
    const next = new Map<string, number>();
    for (const r of records) {
      expect(r.revision).toBe(next.get(r.stream) ?? 0);
      next.set(r.stream, r.revision + 1);
    }
  });

  it('Given each person stream, Then it starts with a registration, nothing but corrections follows a death, and each move leaves the current household for one established before', () => {
    const established = new Set<string>();
    const where = new Map<string, string>();
    const dead = new Set<string>();
    for (const r of records) {
      if (r.type === 'HouseholdEstablished') established.add(r.data.householdId);
      if (!r.stream.startsWith('person-')) continue;
      if (r.revision === 0) expect(['PersonRegistered', 'BirthRegistered']).toContain(r.type);
      if (dead.has(r.stream)) expect(r.type).toBe('RecordCorrected');
      if (r.type === 'DeathRegistered') dead.add(r.stream);
      if (r.type === 'PersonRegistered' || r.type === 'BirthRegistered') {
        expect(established.has(r.data.householdId)).toBe(true);
        where.set(r.stream, r.data.householdId);
      }
      if (r.type === 'HukouMigrated') {
        expect(r.data.from.householdId).toBe(where.get(r.stream));
        expect(established.has(r.data.to.householdId)).toBe(true);
        where.set(r.stream, r.data.to.householdId);
      }
    }
  });

  it('Given births after a jurisdiction\'s cut-over, Then every one is registered as resident (居民户口)', () => {
    const cutovers = records.flatMap((r) => (r.type === 'UnificationCutoverDeclared' ? [r.data] : [])).sort((a, b) => b.jurisdiction.length - a.jurisdiction.length);
    const late = records.flatMap((r) => (r.type === 'BirthRegistered' ? [r] : [])).filter((r) => {
      const c = cutovers.find((x) => r.data.regionCode.startsWith(x.jurisdiction));
      return c !== undefined && r.metadata.effectiveDate >= c.effectiveDate;
    });
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((r) => r.data.registrationType !== 'resident')).toEqual([]);
  });

  it('Given every admitted migration, Then it names the policy version and content hash that admitted it; refusals list unmet conditions', () => {
    for (const r of records) {
      if (r.type === 'HukouMigrated') expect(r.data.policy?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      if (r.type === 'SettlementRefused') expect(r.data.unmet.length).toBeGreaterThan(0);
    }
  });

  it('Given the households imported on the start date, Then no head and no spouse was a minor then (a household is imported as census day finds it, so its founders must have been adults)', () => {
    const minors = records.flatMap((r) => (r.type === 'PersonRegistered' && ['head', 'spouse', 'child-in-law'].includes(r.data.relationToHead) && yearsBetween(r.data.dateOfBirth, r.metadata.effectiveDate) < 18 ? [r.data.citizenId] : []));
    expect(minors).toEqual([]);
  });

  it('Given every birth that names parents, Then the mother was 16–49 and the father 16–70, both alive that day; and children are born after census day too', () => {
    const born = new Map<string, string>();
    const died = new Map<string, string>();
    const wrong: string[] = [];
    for (const r of records) {
      if (r.type === 'PersonRegistered' || r.type === 'BirthRegistered') born.set(r.data.citizenId, r.data.dateOfBirth);
      if (r.type === 'DeathRegistered') died.set(r.data.citizenId, r.data.dateOfDeath);
      if (r.type !== 'BirthRegistered') continue;
      for (const [role, id] of Object.entries(r.data.parents ?? {})) {
        const age = yearsBetween(born.get(id)!, r.data.dateOfBirth);
        if (age < 16 || age > (role === 'motherId' ? 49 : 70) || (died.get(id) ?? '9999') < r.data.dateOfBirth) wrong.push(`${r.data.citizenId} ${role} aged ${age}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(records.filter((r) => r.type === 'BirthRegistered' && r.data.dateOfBirth > '2020-11-01').length).toBeGreaterThan(0);
  });

  it('Given the admitted family settlements, Then spouses follow their principal (随迁)', () => {
    expect(records.filter((r) => r.type === 'HukouMigrated' && r.data.principalApplicant !== undefined && r.data.relationToHead === 'spouse').length).toBeGreaterThan(0);
  });
});
