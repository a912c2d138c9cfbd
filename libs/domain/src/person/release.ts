import { type MigrationReleased } from '../../../../events';
import { type Problem, refuseIfAny, rule } from '../shared/errors';
import { type ReleaseForMigration } from './commands';
import { type PersonState, type Registered } from './state';

/**
 * 准予迁出: the office where the person is registered releases them to another region. A release into the region
 * they are already registered in means nothing (that office moves them itself); a release ends on or after its date.
 */
export const releaseForMigration = (c: ReleaseForMigration, p: Registered): MigrationReleased[] => {
  const problems: Problem[] = [
    ...(p.regionCode.startsWith(c.to) ? [rule({ code: 'RELEASE.SAME_REGION', message: `${p.citizenId} is already registered within ${c.to}: no release is needed to move there`, path: 'to' })] : []),
    ...(c.validUntil < c.effectiveDate ? [{ code: 'RELEASE.EXPIRED', message: `validUntil ${c.validUntil} precedes the release (${c.effectiveDate})`, path: 'validUntil' }] : []),
  ];
  refuseIfAny(problems);
  return [{ type: 'MigrationReleased', data: { citizenId: p.citizenId, releaseRef: c.releaseRef.trim(), to: c.to, consentRef: c.consentRef.trim(), releasedOn: c.effectiveDate, validUntil: c.validUntil } }];
};

/**
 * Whether the person's open release lets another office settle them: into a region within the release's `to`,
 * with the applicant's consent reference the releasing office took, a move dated within the release's days —
 * and decided (`today`) no later than its last day: a backdated move cannot revive an expired release.
 */
export const releaseAdmits = (state: PersonState, destinationRegion: string, effectiveDate: string, consentRef: string | undefined, today: string): boolean => {
  const release = state.status === 'registered' ? state.release : undefined;
  return release !== undefined && destinationRegion.startsWith(release.to) && consentRef !== undefined && consentRef.trim() === release.consentRef
    && release.releasedOn <= effectiveDate && effectiveDate <= release.validUntil && today <= release.validUntil;
};
