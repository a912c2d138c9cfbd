import { type SettlementPolicyAmended, type SettlementPolicyEnacted, type SettlementPolicyRepealed } from '../../../../events';
import { policyContentHash } from '../policy/content-hash';
import { type PolicyRef } from '../policy/decision';
import { checkFloors } from '../policy/floors';
import { type PolicyFloors, type SettlementPolicy } from '../policy/model';
import { policySchemaProblems } from '../policy/schema';
import { type PolicyWindow } from '../policy/select';
import { policyProblems } from '../policy/validate';
import { type IsoDate, isIsoDate } from '../shared/dates';
import { DomainError, illegal, notFound, type Problem, refuseIfAny, rule } from '../shared/errors';
import { timeOrder, type Timeline } from '../shared/time';

/** One enacted version of a policy: its content, hash and the date it is in force from. */
export interface EnactedVersion {
  readonly version: number;
  readonly contentHash: string;
  readonly policy: SettlementPolicy;
  readonly from: IsoDate;
}

/** 落户政策的施行记录: a policy's versions in order, and its repeal if any. */
export interface PolicyRecord {
  readonly policyId: string;
  readonly versions: readonly EnactedVersion[];
  readonly repealedFrom?: IsoDate;
}

/** The floors of a superior document in force (e.g. 豫政办〔2017〕27号 over Zhengzhou), with its reference. */
export interface BindingFloors {
  readonly from: PolicyRef;
  readonly floors: PolicyFloors;
}

const refOf = (v: EnactedVersion): PolicyRef => ({ id: v.policy.id, version: String(v.version), documentNo: v.policy.documentNo, contentHash: v.contentHash });

/** The windows a record decides in: each version until the next one, the repeal or its own effectiveUntil. */
export const windowsOfRecord = (record: PolicyRecord): PolicyWindow[] =>
  record.versions.flatMap((v, i) => {
    const ends = [record.versions[i + 1]?.from, record.repealedFrom, v.policy.effectiveUntil].filter((d): d is string => d !== undefined);
    const until = ends.length > 0 ? ends.reduce((a, b) => (a < b ? a : b)) : undefined;
    return until !== undefined && until <= v.from ? [] : [{ policy: v.policy, ref: refOf(v), from: v.from, ...(until !== undefined ? { until } : {}) }];
  });

/** The shape and the structure of the content: 400 with every problem. */
const contentProblems = (policy: unknown, jurisdiction: string): Problem[] => {
  const shape = policySchemaProblems(policy).map((p) => ({ code: 'POLICY.SCHEMA', message: `${p.path} ${p.message}`, path: p.path }));
  if (shape.length > 0) return shape;
  const p = policy as SettlementPolicy;
  return [
    ...policyProblems(p).map((x) => ({ ...x, path: `policy.${x.path ?? ''}` })),
    ...(p.jurisdiction === jurisdiction ? [] : [rule({ code: 'POLICY.JURISDICTION_MISMATCH', message: `the policy is ${p.jurisdiction}'s, not ${jurisdiction}'s: enact it on its own jurisdiction`, path: 'policy.jurisdiction' })]),
  ];
};

/** 底线: every rule that breaks the floors of a superior document in force, or the policy's own (422 each). */
const floorProblems = (policy: SettlementPolicy, superior: readonly BindingFloors[]): Problem[] => [
  ...superior.map((b) => ({ from: b.from, floors: b.floors })),
  ...(policy.floors ? [{ from: { id: policy.id, version: String(policy.version), documentNo: policy.documentNo, contentHash: '' }, floors: policy.floors }] : []),
].flatMap(({ from, floors }) => checkFloors(policy, floors).map((v) => rule({
  code: v.code, path: `policy.tiers.${v.tierId}.rules.${v.ruleId}`,
  message: `${v.ruleId} (${v.tierId}): ${v.detail} — ${from.documentNo}: ${v.clause}`,
})));

const checked = (policy: unknown, jurisdiction: string, superior: readonly BindingFloors[]): SettlementPolicy => {
  refuseIfAny(contentProblems(policy, jurisdiction));
  const p = policy as SettlementPolicy;
  const floors = floorProblems(p, superior);
  // One code for a breach of the floors, however many (the problems name each violation with its own code).
  if (floors.length > 0) throw new DomainError('illegal-state', 'POLICY.FLOORS_VIOLATED', `${floors.length} violation(s) of the floors in force: ${floors.map((f) => f.code).join(', ')}`, floors);
  return p;
};

/** 落户政策施行: a new policy id, checked for shape, structure and the floors it must respect. Idempotent for the same content. */
export const enact = (jurisdiction: string, policy: unknown, superior: readonly BindingFloors[], known: PolicyRecord | undefined): SettlementPolicyEnacted[] => {
  const p = checked(policy, jurisdiction, superior);
  const hash = policyContentHash(p);
  if (known) {
    if (known.versions.some((v) => v.version === p.version && v.contentHash === hash)) return []; // already enacted: idempotent
    throw illegal('POLICY.ALREADY_ENACTED', `${p.id} is enacted (versions ${known.versions.map((v) => v.version).join(', ')}): amend it with a new version`);
  }
  return [{ type: 'SettlementPolicyEnacted', data: { jurisdiction, policyId: p.id, version: String(p.version), documentNo: p.documentNo, effectiveDate: p.effectiveDate, contentHash: hash, policy: p } }];
};

const latest = (record: PolicyRecord): EnactedVersion => record.versions.at(-1)!;
const enactmentFact = (timeline: Timeline, policyId: string) => timeline.findLast((f) => f.key === policyId && f.event !== 'SettlementPolicyRepealed');

/** 落户政策修订: a higher version of an enacted policy, in force from a date after the version it replaces. */
export const amend = (jurisdiction: string, policy: unknown, superior: readonly BindingFloors[], record: PolicyRecord | undefined, reason: string, timeline: Timeline): SettlementPolicyAmended[] => {
  const p = checked(policy, jurisdiction, superior);
  if (!record) throw notFound('POLICY.NOT_ENACTED', `${p.id} is not enacted in ${jurisdiction}: enact it first`);
  if (record.repealedFrom !== undefined) throw illegal('POLICY.REPEALED', `${p.id} was repealed from ${record.repealedFrom}`);
  const hash = policyContentHash(p);
  const current = latest(record);
  if (current.version === p.version && current.contentHash === hash) return []; // already amended: idempotent
  if (p.version <= current.version) throw illegal('POLICY.VERSION_CONFLICT', `${p.id} is at version ${current.version}: an amendment needs a higher version`);
  refuseIfAny([
    ...(reason.trim() === '' ? [{ code: 'FIELD.REQUIRED', message: 'an amendment states its reason', path: 'reason' }] : []),
    ...(p.effectiveDate > current.from ? [] : [timeOrder(`version ${p.version} would be in force from ${p.effectiveDate}, not after version ${current.version} (from ${current.from})`, enactmentFact(timeline, p.id), 'policy.effectiveDate')]),
  ]);
  return [{
    type: 'SettlementPolicyAmended',
    data: {
      jurisdiction, policyId: p.id, previousVersion: String(current.version), previousContentHash: current.contentHash, version: String(p.version), documentNo: p.documentNo,
      effectiveDate: p.effectiveDate, contentHash: hash, policy: p, reason: reason.trim(),
    },
  }];
};

/** 落户政策废止: the policy stops deciding from a date after its version in force began. */
export const repeal = (jurisdiction: string, policyId: string, from: IsoDate, documentNo: string, reason: string, record: PolicyRecord | undefined, timeline: Timeline): SettlementPolicyRepealed[] => {
  if (!isIsoDate(from)) throw new DomainError('invalid', 'DATE.INVALID', `${from} is not a calendar date`, [{ code: 'DATE.INVALID', message: `${from} is not a calendar date`, path: 'from' }]);
  if (!record) throw notFound('POLICY.NOT_ENACTED', `${policyId} is not enacted in ${jurisdiction}`);
  if (record.repealedFrom !== undefined) {
    if (record.repealedFrom === from) return []; // idempotent
    throw illegal('POLICY.REPEALED', `${policyId} was already repealed from ${record.repealedFrom}`);
  }
  const current = latest(record);
  refuseIfAny([
    ...(documentNo.trim() === '' ? [{ code: 'FIELD.REQUIRED', message: 'name the repealing document (文号)', path: 'documentNo' }] : []),
    ...(reason.trim() === '' ? [{ code: 'FIELD.REQUIRED', message: 'a repeal states its reason', path: 'reason' }] : []),
    ...(from > current.from ? [] : [timeOrder(`a repeal from ${from} would not follow version ${current.version} (in force from ${current.from})`, enactmentFact(timeline, policyId), 'from')]),
  ]);
  return [{ type: 'SettlementPolicyRepealed', data: { jurisdiction, policyId, version: String(current.version), contentHash: current.contentHash, effectiveDate: from, documentNo: documentNo.trim(), reason: reason.trim() } }];
};
