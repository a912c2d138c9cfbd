import { Body, Controller, Inject, Param } from '@nestjs/common';
import { boolean, type Infer, object, optional, string } from '../../../../events/schema';
import { type Principal } from '../auth/jwt';
import { Route } from '../http/operation';
import { Caller } from '../http/request';
import { SCOPE_PATTERN, scopeOf } from './pseudonym-keys';
import { type KeyStatus, PseudonymKeys, type RotationView } from './pseudonym-rotations';

/** A date-time with its offset (`2030-01-01T00:00:00Z`); the calendar day is checked again after the shape. */
const DATE_TIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})$';

const rotationBody = object({
  effectiveAt: optional(string({ pattern: DATE_TIME, maxLength: 40, description: 'when the new key takes over: at least HUJI_PSEUDONYM_NOTICE_HOURS (default 168) ahead', formatHint: 'an ISO 8601 date-time with its offset, e.g. 2030-01-01T00:00:00Z' })),
  immediate: optional(boolean('bring the new key in now, without notice: for a compromised key')),
  reason: optional(string({ maxLength: 500, description: 'why (required with immediate)' })),
});

const SCOPE = { scope: { schema: string({ maxLength: 210, pattern: SCOPE_PATTERN, formatHint: 'agreement:<name> or subject:<sub>, as GET /subscriptions/me/pseudonym-key names it' }), description: 'the pseudonym scope: `agreement:<name>` or `subject:<sub>`', required: true } };

/**
 * 订阅方假名密钥: the pseudonym keys of subscribers (per data-sharing agreement, else per subject) — which key is
 * in force and which rotations are announced, and an admin's scheduling of a rotation.
 */
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(@Inject(PseudonymKeys) private readonly keys: PseudonymKeys) {}

  @Route('GET', 'me/pseudonym-key', {
    tag: 'subscriptions', roles: ['subscriber', 'admin'], summary: 'Read my pseudonym key',
    description: 'The caller\'s pseudonym scope (its token\'s data-sharing agreement, else its subject), the id of the key in force (sent as `hujipseudonymkey` on every redacted event), since when, and every rotation announced with the key id it brings in. The key is chosen by delivery time: from a rotation\'s effectiveAt every page — a replay of old events too — carries the new pseudonyms.',
    responses: { 200: 'the key in force and the rotations announced' },
  })
  mine(@Caller() caller: Principal): Promise<KeyStatus> {
    return this.keys.status(scopeOf(caller), new Date());
  }

  @Route('POST', ':scope/pseudonym-rotations', {
    tag: 'subscriptions', roles: ['admin'], params: SCOPE, body: rotationBody, summary: 'Schedule a pseudonym key rotation',
    description: '假名密钥轮换: a new key for the scope from `effectiveAt`, announced at least HUJI_PSEUDONYM_NOTICE_HOURS (default 168) ahead; `immediate: true` with a reason for a compromised key. Stored durably; subscribers see it at GET /subscriptions/me/pseudonym-key beforehand.',
    responses: { 201: 'the rotation scheduled, with the key id it brings in' },
  })
  rotate(@Caller() caller: Principal, @Param('scope') scope: string, @Body() body: Infer<typeof rotationBody>): Promise<RotationView> {
    return this.keys.schedule(scope, body, caller.subject, new Date());
  }
}
