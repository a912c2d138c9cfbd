import { type SettlementApplication } from './application';
import { type PointsMeasure, type PointsScheme } from './model';

/** The points one indicator gave. */
export interface IndicatorScore {
  readonly id: string;
  readonly value: number;
  readonly points: number;
}

/** 积分: an application's score under a scheme, with the points of each indicator. */
export interface PointsScore {
  readonly total: number;
  readonly breakdown: readonly IndicatorScore[];
}

const years = (months: number): number => Math.floor(Math.max(0, months) / 12);

const measure = (m: PointsMeasure, a: SettlementApplication): number => {
  switch (m) {
    case 'legalStableEmployment': return a.employment.legalStableEmployment ? 1 : 0;
    case 'legalStableResidence': return a.residence.kind === 'owned' || a.residence.kind === 'rented' ? 1 : 0;
    case 'urbanSocialInsuranceYears': return years(a.urbanSocialInsuranceMonths);
    case 'continuousResidenceYears': return years(a.continuousResidenceMonths);
    case 'contribution': return Math.max(0, a.pointsIndicators?.contribution ?? 0);
    default: {
      const _exhaustive: never = m;
      return _exhaustive;
    }
  }
};

/** Scores an application: each indicator gives `pointsPerUnit` × its measure, capped at `maxPoints`. */
export const scorePoints = (scheme: PointsScheme, application: SettlementApplication): PointsScore => {
  const breakdown = scheme.indicators.map((indicator) => {
    const value = measure(indicator.measure, application);
    const raw = value * indicator.pointsPerUnit;
    return { id: indicator.id, value, points: indicator.maxPoints === undefined ? raw : Math.min(raw, indicator.maxPoints) };
  });
  return { total: breakdown.reduce((sum, s) => sum + s.points, 0), breakdown };
};
