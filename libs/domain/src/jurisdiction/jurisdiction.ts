import { type JurisdictionEvent, type UrbanRuralClass } from '../../../../events';
import { type PolicyWindow } from '../policy/select';
import { type CommandTime, effectiveDateProblems } from '../shared/context';
import { type Decider } from '../shared/decider';
import { isIsoDate } from '../shared/dates';
import { DomainError, illegal, type Problem, refuseIfAny } from '../shared/errors';
import { latestFact, notBefore, type Timeline } from '../shared/time';
import { amend, type BindingFloors, enact, type PolicyRecord, repeal, windowsOfRecord } from './policies';

export { type BindingFloors, type EnactedVersion, type PolicyRecord, windowsOfRecord } from './policies';

/** 辖区: a province, prefecture or county that declares its cut-over, enacts policies and reclassifies units. */
export interface JurisdictionState {
  readonly cutover?: { readonly effectiveDate: string; readonly documentNo: string };
  /** Enacted policies by id: every version with its content, and the repeal. */
  readonly policies: ReadonlyMap<string, PolicyRecord>;
}

export type JurisdictionCommand =
  | (CommandTime & { readonly type: 'DeclareUnificationCutover'; readonly jurisdiction: string; readonly cutoverDate: string; readonly documentNo: string })
  | (CommandTime & {
    readonly type: 'EnactSettlementPolicy'; readonly jurisdiction: string;
    /** The full content (checked against the published policy schema here). */
    readonly policy: unknown;
    /** The floors of the superior documents in force on the policy's date (read from their jurisdictions' streams). */
    readonly superiorFloors: readonly BindingFloors[];
  })
  | (CommandTime & { readonly type: 'AmendSettlementPolicy'; readonly jurisdiction: string; readonly policy: unknown; readonly superiorFloors: readonly BindingFloors[]; readonly reason: string })
  | (CommandTime & { readonly type: 'RepealSettlementPolicy'; readonly jurisdiction: string; readonly policyId: string; readonly from: string; readonly documentNo: string; readonly reason: string })
  | (CommandTime & { readonly type: 'ReclassifyRegion'; readonly jurisdiction: string; readonly region: string; readonly class?: UrbanRuralClass; readonly name?: string; readonly parent?: string; readonly reason: string });

const withVersion = (state: JurisdictionState, policyId: string, change: (r: PolicyRecord | undefined) => PolicyRecord): JurisdictionState =>
  ({ ...state, policies: new Map(state.policies).set(policyId, change(state.policies.get(policyId))) });

export const evolveJurisdiction = (state: JurisdictionState, event: JurisdictionEvent): JurisdictionState => {
  switch (event.type) {
    case 'UnificationCutoverDeclared': return { ...state, cutover: { effectiveDate: event.data.effectiveDate, documentNo: event.data.documentNo } };
    case 'SettlementPolicyEnacted':
    case 'SettlementPolicyAmended': {
      const { policyId, version, contentHash, effectiveDate, policy } = event.data;
      const enacted = { version: Number(version), contentHash, policy: policy, from: effectiveDate };
      return withVersion(state, policyId, (r) => ({ policyId, versions: [...(r?.versions ?? []), enacted], ...(r?.repealedFrom ? { repealedFrom: r.repealedFrom } : {}) }));
    }
    case 'SettlementPolicyRepealed':
      return withVersion(state, event.data.policyId, (r) => ({ policyId: event.data.policyId, versions: r?.versions ?? [], repealedFrom: event.data.effectiveDate }));
    case 'RegionReclassified': return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

/** Every policy window the jurisdiction's stream records (enacted, amended, repealed). */
export const policyWindowsOf = (state: JurisdictionState): PolicyWindow[] => [...state.policies.values()].flatMap(windowsOfRecord);

const policyIdOf = (policy: unknown): string => {
  const id = (policy as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '';
};

const reclassify = (command: Extract<JurisdictionCommand, { type: 'ReclassifyRegion' }>, timeline: Timeline): JurisdictionEvent[] => {
  const { jurisdiction, region, reason } = command;
  const problems: Problem[] = [];
  if (!region.startsWith(jurisdiction)) problems.push({ code: 'REGION.OUTSIDE_JURISDICTION', message: `${region} is not within ${jurisdiction}`, path: 'region' });
  if (command.class === undefined && command.name === undefined && command.parent === undefined) problems.push({ code: 'REGION.NOTHING_TO_CHANGE', message: 'give a class, a name or a parent', path: 'class' });
  // A unit's reclassifications follow one another: none takes effect before the last one recorded for it.
  problems.push(...notBefore(`reclassifying ${region}`, command.effectiveDate, latestFact(timeline.filter((f) => f.event === 'RegionReclassified' && f.key === region))));
  refuseIfAny(problems);
  return [{
    type: 'RegionReclassified',
    data: {
      jurisdiction, region, effectiveFrom: command.effectiveDate, reason,
      ...(command.class ? { class: command.class } : {}), ...(command.name ? { name: command.name } : {}), ...(command.parent ? { parent: command.parent } : {}),
    },
  }];
};

export const decideJurisdiction = (command: JurisdictionCommand, state: JurisdictionState, timeline: Timeline): readonly JurisdictionEvent[] => {
  refuseIfAny(effectiveDateProblems(command));
  switch (command.type) {
    case 'DeclareUnificationCutover': {
      const { jurisdiction, cutoverDate, documentNo } = command;
      if (state.cutover) {
        if (state.cutover.effectiveDate === cutoverDate && state.cutover.documentNo === documentNo) return []; // idempotent
        throw illegal('UNIFICATION.ALREADY_DECLARED', `the cut-over was declared for ${state.cutover.effectiveDate} by ${state.cutover.documentNo}`);
      }
      // A cut-over may be declared ahead of its date (黑政发〔2014〕25号 is dated 2014-10-31 for 2014-11-01).
      if (!isIsoDate(cutoverDate)) throw new DomainError('invalid', 'DATE.INVALID', `${cutoverDate} is not a calendar date`);
      return [{ type: 'UnificationCutoverDeclared', data: { jurisdiction, effectiveDate: cutoverDate, documentNo } }];
    }
    case 'EnactSettlementPolicy':
      return enact(command.jurisdiction, command.policy, command.superiorFloors, state.policies.get(policyIdOf(command.policy)));
    case 'AmendSettlementPolicy':
      return amend(command.jurisdiction, command.policy, command.superiorFloors, state.policies.get(policyIdOf(command.policy)), command.reason, timeline);
    case 'RepealSettlementPolicy':
      return repeal(command.jurisdiction, command.policyId, command.from, command.documentNo, command.reason, state.policies.get(command.policyId), timeline);
    case 'ReclassifyRegion':
      return reclassify(command, timeline);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

export const jurisdictionDecider: Decider<JurisdictionCommand, JurisdictionEvent, JurisdictionState> = {
  initialState: () => ({ policies: new Map() }),
  evolve: evolveJurisdiction,
  decide: decideJurisdiction,
};
