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
