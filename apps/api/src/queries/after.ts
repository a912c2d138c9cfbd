import { string } from '../../../../events/schema';
import { parsePosition, type Position } from '../../../../libs/event-store/src';
import { type ParameterSpec } from '../http/operation';

/** `?after=<position>`: read your own writes — answer once the views include the position a command returned. */
export const AFTER: Record<string, ParameterSpec> = {
  after: { schema: string({ maxLength: 41, pattern: '^[0-9]{1,19}(?:/[0-9]{1,19})?$' }), description: 'wait (up to 10 s) until the views include this position (X-Huji-Position of a command)' },
};

export const afterOf = (q: Record<string, string | undefined>): Position | undefined => (q.after ? parsePosition(q.after) : undefined);
