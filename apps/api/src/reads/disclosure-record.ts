import { hash } from 'node:crypto';
import { GENESIS_HASH } from '../../../../libs/event-store/src/chain';
import { type Principal, type Role } from '../auth/principal';

export { GENESIS_HASH };

/** The feed page or stream a disclosure was part of (GET /events with the `personal-data` grant). */
export interface FeedDisclosure {
  readonly from: string | null;
  readonly to: string | null;
  readonly types?: readonly string[];
  readonly region?: string;
  readonly events: number;
}

/**
 * 查询留痕: one answer that disclosed personal data — who read (from the verified token), why (the request's
 * Huji-Purpose), through which route, and whose data it held (citizen ids; households when their data was shown).
 */
export interface Disclosure {
  readonly principal: Principal;
  readonly purpose: string;
  readonly route: string;
  readonly persons: readonly string[];
  readonly households?: readonly string[];
  readonly feed?: FeedDisclosure;
}

/** A disclosure as recorded: the server's time added, the principal reduced to what identifies the reader. */
export interface DisclosureRecord {
  readonly at: string;
  readonly subject: string;
  readonly role: Role;
  readonly office: string;
  readonly purpose: string;
  readonly route: string;
  readonly persons: readonly string[];
  readonly households: readonly string[];
  readonly feed?: FeedDisclosure;
}

const distinct = (ids: readonly string[] | undefined): string[] => [...new Set(ids ?? [])].sort();

const feedOf = (f: FeedDisclosure): FeedDisclosure => ({
  from: f.from, to: f.to, ...(f.types ? { types: [...f.types] } : {}), ...(f.region !== undefined ? { region: f.region } : {}), events: f.events,
});

/** The record of a disclosure at `at`: fields in a fixed order, ids distinct and sorted, so its text is canonical. */
export const recordOf = (d: Disclosure, at: Date): DisclosureRecord => ({
  at: at.toISOString(), subject: d.principal.subject, role: d.principal.role, office: d.principal.office, purpose: d.purpose, route: d.route,
  persons: distinct(d.persons), households: distinct(d.households), ...(d.feed ? { feed: feedOf(d.feed) } : {}),
});

/**
 * SHA-256 over a version tag, the previous record's hash, the sequence and the record's stored JSON text
 * (prefixed by its length), as libs/event-store/src/chain.ts chains events: altering, removing or reordering
 * a record breaks every link after it.
 */
export const disclosureHash = (previous: string, sequence: number, text: string): string =>
  hash('sha256', `huji-disclosure-1\n${previous}\n${sequence}\n${text.length}\n${text}`);

export type DisclosedKind = 'person' | 'household';

/** Whose data a record disclosed, as the index holds it: one entry per citizen id and per household id. */
export const indexEntriesOf = (r: Pick<DisclosureRecord, 'persons' | 'households'>): [DisclosedKind, string][] =>
  [...r.persons.map((id): [DisclosedKind, string] => ['person', id]), ...r.households.map((id): [DisclosedKind, string] => ['household', id])];

/** `<sequence>:<hash>`: the head an auditor keeps to check later that nothing up to it changed. */
export const formatHead = (sequence: number, headHash: string): string => `${sequence}:${headHash}`;

export const HEAD_PATTERN = '^[0-9]{1,15}:[0-9a-f]{64}$';

export const parseHead = (head: string): { readonly sequence: number; readonly hash: string } => {
  const at = head.indexOf(':');
  return { sequence: Number(head.slice(0, at)), hash: head.slice(at + 1) };
};
