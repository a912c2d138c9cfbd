import { type PersonEvent } from '../../../../events';
import { type PersonCommand } from '../../src/person/commands';
import { personDecider } from '../../src/person/decide';
import { releaseAdmits } from '../../src/person/release';
import { fold } from '../../src/shared/decider';
import { BABY, born, decideGiven, NOW } from './support';

const release = (over: Partial<Extract<PersonCommand, { type: 'ReleaseForMigration' }>> = {}): PersonCommand => ({
  type: 'ReleaseForMigration', releaseRef: 'QC-1', to: '2301', consentRef: 'SQ-1', validUntil: '2026-06-30', effectiveDate: '2026-02-01', now: NOW, ...over,
});

const stateAfter = (events: readonly PersonEvent[]) => fold(personDecider, events);

describe('准予迁出: the registering office releases a person to another office', () => {
  it('Given a release, When a death is registered dated before it, Then the release does not stand in the way (it is a record, not a fact of the life)', () => {
    const released = [...born(), ...(decideGiven(born(), release()).events as PersonEvent[])];
    const timeline = released.map((e, revision) => ({ stream: `person-${BABY}`, event: e.type, revision, effectiveDate: revision === 0 ? '2026-01-05' : '2026-02-01' }));
    const death: PersonCommand = { type: 'RegisterDeath', dateOfDeath: '2026-01-20', placeOfDeath: '410105001001', deathCertificateRef: 'D-1', effectiveDate: '2026-01-20', now: NOW };
    expect(decideGiven(released, death, timeline).events?.map((e) => e.type)).toEqual(['DeathRegistered']);
  });

  it('Given a registered person, When released to Harbin, Then MigrationReleased with the destination, consent and last day', () => {
    expect(decideGiven(born(), release()).events).toEqual([{ type: 'MigrationReleased', data: { citizenId: BABY, releaseRef: 'QC-1', to: '2301', consentRef: 'SQ-1', releasedOn: '2026-02-01', validUntil: '2026-06-30' } }]);
  });

  it('Given a release into the region the person is registered in, or one ending before it starts, Then refused with each problem', () => {
    expect(decideGiven(born(), release({ to: '4101' }))).toEqual({ code: 'RELEASE.SAME_REGION', problems: ['RELEASE.SAME_REGION'] });
    expect(decideGiven(born(), release({ validUntil: '2026-01-31' }))).toEqual({ code: 'RELEASE.EXPIRED', problems: ['RELEASE.EXPIRED'] });
  });

  it('Given no registration, Then PERSON.NOT_REGISTERED', () => {
    expect(decideGiven([], release()).code).toBe('PERSON.NOT_REGISTERED');
  });

  it('Given an open release, Then it admits another office only into its region, until its last day, with the same consent', () => {
    const released = stateAfter([...born(), ...(decideGiven(born(), release()).events as PersonEvent[])]);
    expect([
      releaseAdmits(released, '230102001001', '2026-06-30', 'SQ-1', '2026-06-30'),
      releaseAdmits(released, '230102001001', '2026-02-01', ' SQ-1 ', '2026-03-01'),
      releaseAdmits(released, '230102001001', '2026-07-01', 'SQ-1', '2026-07-01'),
      releaseAdmits(released, '230102001001', '2026-01-31', 'SQ-1', '2026-03-01'),
      releaseAdmits(released, '230102001001', '2026-06-01', 'SQ-1', '2026-07-01'),
      releaseAdmits(released, '330302001001', '2026-03-01', 'SQ-1', '2026-03-01'),
      releaseAdmits(released, '230102001001', '2026-03-01', 'SQ-2', '2026-03-01'),
      releaseAdmits(released, '230102001001', '2026-03-01', undefined, '2026-03-01'),
      releaseAdmits(stateAfter(born()), '230102001001', '2026-03-01', 'SQ-1', '2026-03-01'),
    ]).toEqual([true, true, false, false, false, false, false, false, false]);
  });

  it('Given a release used by a move, Then it is spent: it admits no second move', () => {
    const events = [...born(), ...(decideGiven(born(), release()).events as PersonEvent[])];
    const moved: PersonEvent = {
      type: 'HukouMigrated',
      data: { citizenId: BABY, from: { householdId: 'h-410105-1', regionCode: '410105001001' }, to: { householdId: 'h-2301', regionCode: '230102001001' }, relationToHead: 'child', applicationRef: 'A-1', ownApplication: true, consentRef: 'SQ-1', category: 'general', policy: null, ruleId: null } as never,
    };
    expect(releaseAdmits(stateAfter([...events, moved]), '230102001001', '2026-03-01', 'SQ-1', '2026-03-01')).toBe(false);
  });
});
