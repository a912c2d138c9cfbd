import { type PersonEvent, type RegistrationType, type Sex } from '../../events';

/**
 * A dated change of where a person's hukou is, or of its registration type (the first step sets both). A
 * step changes only what it names, so a late-recorded move placed before a later conversion still
 * leaves the conversion's type in force, in the new place.
 */
export interface HukouStep {
  readonly from: string;
  readonly regionCode?: string;
  readonly type?: RegistrationType;
}

/** Where the hukou is and as what type, on a date. */
export interface HukouOn {
  readonly regionCode: string;
  readonly type: RegistrationType;
}

/** A period lived away from the hukou: a residence permit (居住证) or an actual-residence registration (实际居住登记). */
export interface AwaySpell {
  readonly kind: 'permit' | 'actual';
  /** Permit number, or the actual residence's region and start. */
  readonly ref: string;
  readonly regionCode: string;
  readonly from: string;
  /** First day no longer away (exclusive); null while open. */
  readonly until: string | null;
}

/**
 * 人口统计时间线: what the statistics need of one person, on the effective-date axis — identity
 * attributes that hold for life (sex, birth year, original registration type), the hukou steps, the
 * deregistration date, and the spells lived away. Late-recorded facts are placed by their effective
 * date, so the timeline is "what was true", whenever the registry learnt it.
 */
export interface StatTimeline {
  readonly citizenId: string;
  readonly sex: Sex;
  readonly birthYear: number;
  readonly originalType: RegistrationType;
  /** Sorted by `from` (a late-recorded step goes in its place). */
  readonly hukou: readonly HukouStep[];
  /** First day no longer registered (death: the date of death); null while registered. */
  readonly endsOn: string | null;
  readonly away: readonly AwaySpell[];
}

const nextDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

const withStep = (t: StatTimeline, step: HukouStep): StatTimeline => {
  const at = t.hukou.findIndex((s) => s.from > step.from);
  const hukou = at < 0 ? [...t.hukou, step] : [...t.hukou.slice(0, at), step, ...t.hukou.slice(at)];
  return { ...t, hukou };
};

/** The hukou on `date`: the steps that started by then, folded; undefined before the first or from `endsOn`. */
export const hukouOn = (t: StatTimeline, date: string): HukouOn | undefined => {
  if (t.endsOn !== null && date >= t.endsOn) return undefined;
  let regionCode: string | undefined;
  let type: RegistrationType | undefined;
  for (const s of t.hukou) {
    if (s.from > date) break;
    regionCode = s.regionCode ?? regionCode;
    type = s.type ?? type;
  }
  return regionCode !== undefined && type !== undefined ? { regionCode, type } : undefined;
};

const closeAway = (t: StatTimeline, match: (s: AwaySpell) => boolean, until: string): StatTimeline => ({
  ...t, away: t.away.map((s) => (match(s) && (s.until === null || s.until > until) ? { ...s, until } : s)),
});

/**
 * Folds one person event (with its effective date) into the timeline. Pure; `null` until the person is
 * registered. Corrections of identity (sex, date of birth) hold for life; a corrected registration type
 * holds from the correction's effective date; a withdrawn death reopens the registration.
 */
export const evolveTimeline = (t: StatTimeline | null, e: PersonEvent, effectiveDate: string): StatTimeline | null => {
  if (e.type === 'BirthRegistered' || e.type === 'PersonRegistered') {
    const { citizenId, sex, dateOfBirth, regionCode, registrationType } = e.data;
    return { citizenId, sex, birthYear: Number(dateOfBirth.slice(0, 4)), originalType: registrationType, hukou: [{ from: effectiveDate, regionCode, type: registrationType }], endsOn: null, away: [] };
  }
  if (!t) return t;
  switch (e.type) {
    case 'HukouMigrated': return withStep(t, { from: effectiveDate, regionCode: e.data.to.regionCode });
    case 'RegistrationTypeUnified': return withStep(t, { from: effectiveDate, type: 'resident' });
    case 'ResidencePermitIssued': {
      const { permitNo, residenceRegionCode, validFrom, validUntil } = e.data;
      return { ...t, away: [...t.away, { kind: 'permit', ref: permitNo, regionCode: residenceRegionCode, from: validFrom, until: nextDay(validUntil) }] };
    }
    case 'ResidencePermitRenewed':
      return { ...t, away: t.away.map((s) => (s.kind === 'permit' && s.ref === e.data.permitNo ? { ...s, until: nextDay(e.data.validUntil) } : s)) };
    case 'ResidencePermitCancelled': return closeAway(t, (s) => s.kind === 'permit' && s.ref === e.data.permitNo, effectiveDate);
    case 'ActualResidenceRegistered': {
      const { regionCode, since } = e.data;
      const closed = closeAway(t, (s) => s.kind === 'actual' && s.until === null, since); // a new registration replaces the open one
      return { ...closed, away: [...closed.away, { kind: 'actual', ref: `${regionCode}@${since}`, regionCode, from: since, until: null }] };
    }
    case 'ActualResidenceEnded': return closeAway(t, (s) => s.kind === 'actual' && s.until === null, e.data.until);
    case 'DeathRegistered': return { ...t, endsOn: e.data.dateOfDeath };
    case 'RecordCorrected': return corrected(t, e.data, effectiveDate);
    case 'SettlementRefused':
    case 'FamilySettlementDecided':
    case 'FamilySettlementCompleted':
    case 'MigrationReleased':
      return t; // records of decisions (a release moves nothing: the move that follows is): each member's move is its own HukouMigrated
    default: {
      const _exhaustive: never = e;
      return _exhaustive;
    }
  }
};

type Correction = Extract<PersonEvent, { type: 'RecordCorrected' }>['data'];

const corrected = (t: StatTimeline, c: Correction, effectiveDate: string): StatTimeline => {
  if (c.revokesDeath) return { ...t, endsOn: null };
  switch (c.field) {
    case 'sex': return { ...t, sex: c.corrected === 'male' ? 'male' : 'female' };
    case 'dateOfBirth': return { ...t, birthYear: Number(c.corrected.slice(0, 4)) };
    case 'dateOfDeath': return t.endsOn === null ? t : { ...t, endsOn: c.corrected };
    case 'registrationType': return withStep(t, { from: effectiveDate, type: c.corrected as RegistrationType });
    case 'name': case 'placeOfBirth': case 'relationToHead': return t;
    default: {
      const _exhaustive: never = c.field;
      return _exhaustive;
    }
  }
};
