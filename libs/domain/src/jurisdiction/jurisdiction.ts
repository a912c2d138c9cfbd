import { type JurisdictionEvent, type UrbanRuralClass } from '../../../../events';
import { type CommandTime, effectiveDateProblems } from '../shared/context';
import { type Decider } from '../shared/decider';
import { isIsoDate } from '../shared/dates';
import { DomainError, illegal, type Problem, refuseIfAny } from '../shared/errors';
import { latestFact, notBefore, type Timeline } from '../shared/time';

/** 辖区: a province, prefecture or county that declares its cut-over, enacts policies and reclassifies units. */
export interface JurisdictionState {
  readonly cutover?: { readonly effectiveDate: string; readonly documentNo: string };
  /** Enacted policies by `id@version` → content hash. */
  readonly policies: ReadonlyMap<string, string>;
}

export type JurisdictionCommand =
  | (CommandTime & { readonly type: 'DeclareUnificationCutover'; readonly jurisdiction: string; readonly cutoverDate: string; readonly documentNo: string })
  | (CommandTime & { readonly type: 'EnactSettlementPolicy'; readonly jurisdiction: string; readonly policyId: string; readonly version: string; readonly documentNo: string; readonly policyEffectiveDate: string; readonly contentHash: string })
  | (CommandTime & { readonly type: 'ReclassifyRegion'; readonly jurisdiction: string; readonly region: string; readonly class?: UrbanRuralClass; readonly name?: string; readonly parent?: string; readonly reason: string });

export const evolveJurisdiction = (state: JurisdictionState, event: JurisdictionEvent): JurisdictionState => {
  switch (event.type) {
    case 'UnificationCutoverDeclared': return { ...state, cutover: { effectiveDate: event.data.effectiveDate, documentNo: event.data.documentNo } };
    case 'SettlementPolicyEnacted': return { ...state, policies: new Map(state.policies).set(`${event.data.policyId}@${event.data.version}`, event.data.contentHash) };
    case 'RegionReclassified': return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
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
    case 'EnactSettlementPolicy': {
      const { jurisdiction, policyId, version, documentNo, policyEffectiveDate, contentHash } = command;
      const known = state.policies.get(`${policyId}@${version}`);
      if (known === contentHash) return []; // idempotent
      if (known !== undefined) throw illegal('POLICY.VERSION_CONFLICT', `${policyId} version ${version} was enacted with other content (${known.slice(0, 12)}…): enact a new version`);
      return [{ type: 'SettlementPolicyEnacted', data: { jurisdiction, policyId, version, documentNo, effectiveDate: policyEffectiveDate, contentHash } }];
    }
    case 'ReclassifyRegion': {
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
    }
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
