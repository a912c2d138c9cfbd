import { type SettlementApplication } from './application';
import { type UnmetConditionCode } from './decision';
import { type Condition } from './model';
import { scorePoints } from './points';

/** 条件不符: a condition the application does not meet — its code, what was required and what was found. */
export interface ConditionShortfall {
  readonly code: UnmetConditionCode;
  readonly required: string;
  readonly actual: string;
}

const months = (n: number): string => `${n} months`;

const atLeast = (code: UnmetConditionCode, min: number, actual: number): ConditionShortfall | undefined =>
  actual >= min ? undefined : { code, required: `>= ${months(min)}`, actual: months(actual) };

const residenceShortfall = (c: Extract<Condition, { kind: 'legalStableResidence' }>, a: SettlementApplication): ConditionShortfall | undefined => {
  const { kind, rentalRegistered } = a.residence;
  const accepted = c.includesRental ? 'owned or rented (含租赁)' : 'owned';
  if (kind === 'owned') return undefined;
  if (kind !== 'rented' || !c.includesRental) return { code: 'SETTLEMENT.NO_LEGAL_STABLE_RESIDENCE', required: accepted, actual: kind };
  if (c.rentalMustBeRegistered && rentalRegistered !== true)
    return { code: 'SETTLEMENT.RENTAL_NOT_REGISTERED', required: 'lease registered with the housing office (租赁登记备案)', actual: 'rented, not registered' };
  return undefined;
};

/** Checks one condition; undefined when met. Never reads `keepsRuralLandRights` (三权 are no condition). */
export const conditionShortfall = (c: Condition, a: SettlementApplication): ConditionShortfall | undefined => {
  switch (c.kind) {
    case 'category':
      return c.in.includes(a.category) ? undefined : { code: 'SETTLEMENT.CATEGORY_NOT_ELIGIBLE', required: `one of ${c.in.join(', ')}`, actual: a.category };
    case 'legalStableResidence':
      return residenceShortfall(c, a);
    case 'sameAddressResidenceMonths':
      if (c.rentedOnly && a.residence.kind === 'owned') return undefined;
      return atLeast('SETTLEMENT.SAME_ADDRESS_TOO_SHORT', c.min, a.residence.sameAddressMonths);
    case 'legalStableEmployment':
      return a.employment.legalStableEmployment ? undefined : { code: 'SETTLEMENT.NO_LEGAL_STABLE_EMPLOYMENT', required: 'legal stable employment (合法稳定就业)', actual: 'none' };
    case 'employmentContractMonths':
      return atLeast('SETTLEMENT.CONTRACT_TOO_SHORT', c.min, a.employment.contractMonths);
    case 'urbanSocialInsuranceMonths':
      return atLeast('SETTLEMENT.INSURANCE_TOO_SHORT', c.min, a.urbanSocialInsuranceMonths);
    case 'continuousResidenceMonths':
      return atLeast('SETTLEMENT.RESIDENCE_TOO_SHORT', c.min, a.continuousResidenceMonths);
    case 'ruralOrigin':
      return a.ruralOrigin === true ? undefined : { code: 'SETTLEMENT.NOT_RURAL_ORIGIN', required: 'rural origin (农村籍)', actual: a.ruralOrigin === false ? 'urban origin' : 'unknown' };
    case 'categoryStandard':
      return a.meetsCategoryStandard === true ? undefined : { code: 'SETTLEMENT.CATEGORY_STANDARD_NOT_MET', required: c.standard, actual: 'not certified' };
    case 'points': {
      const score = scorePoints(c.scheme, a);
      return score.total >= c.min ? undefined : {
        code: 'SETTLEMENT.POINTS_TOO_LOW',
        required: `>= ${c.min} points (${c.scheme.id})`,
        actual: `${score.total} points (${score.breakdown.map((s) => `${s.id} ${s.points}`).join(', ')})`,
      };
    }
    default: {
      const _exhaustive: never = c;
      return _exhaustive;
    }
  }
};

/** True when the condition, or the points scheme it uses, rests on a placeholder. */
export const usesPlaceholder = (c: Condition): boolean =>
  c.placeholder === true || (c.kind === 'points' && c.scheme.indicators.some((i) => i.placeholder === true));
