import { hash } from 'node:crypto';

/** The hash before the first event of a stream (and before the first record of a single-writer log). */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything the store keeps about it except its global position. */
export interface ChainedFields {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/**
 * SHA-256 over a canonical encoding: a version tag, the previous event's hash, the fields in a fixed order,
 * one per line (stream names, ids and types contain no line breaks), then data and metadata as their stored
 * JSON texts, each prefixed by its length. Changing, removing or reordering any event breaks the chain.
 */
export const eventHash = (previous: string, e: ChainedFields): string =>
  hash(
    'sha256',
    `huji-chain-1\n${previous}\n${e.stream}\n${e.revision}\n${e.id}\n${e.type}\n${e.recordedAt}\n` +
      `${e.dataJson.length}\n${e.dataJson}\n${e.metadataJson.length}\n${e.metadataJson}`,
  );

/** Chains the global order of a single-writer log: each record's event hash onto the previous record's. */
export const logHash = (previous: string, sequence: number, eventHashHex: string): string =>
  hash('sha256', `huji-log-1\n${previous}\n${sequence}\n${eventHashHex}`);

/**
 * The head of the log as `verify` reports it: the position of the last record and the log-chain hash that
 * commits to every record up to it (the embedded log's stored `logHash`; on other stores, the same chain run by
 * `verify` over `$all`). Printed as `POSITION:HASH`, which `--expect-head` takes back.
 */
export interface LogHeadRef {
  readonly position: string;
  readonly hash: string;
}

export const formatHead = (head: LogHeadRef): string => `${head.position}:${head.hash}`;

/** Parses `HASH` or `POSITION:HASH` (64 hex digits; a position as `formatPosition` prints it); undefined for anything else. */
export const parseHead = (text: string): { readonly position: string | undefined; readonly hash: string } | undefined => {
  const match = /^(?:(\d{1,19}(?:\/\d{1,19})?):)?([0-9a-fA-F]{64})$/.exec(text.trim());
  return match?.[2] ? { position: match[1], hash: match[2].toLowerCase() } : undefined;
};
