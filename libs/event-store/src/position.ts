/**
 * A position in the global log (`$all`). EventStoreDB addresses it by two log offsets (commit, prepare);
 * the embedded store uses one dense sequence number for both. Positions are totally ordered.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const positionOf = (sequence: number | bigint): Position => {
  const n = BigInt(sequence);
  return { commit: n, prepare: n };
};

export const comparePositions = (a: Position, b: Position): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1;

export const isAfter = (a: Position, b: Position | undefined): boolean => b === undefined || comparePositions(a, b) > 0;

/** A stable text form for checkpoints, `Last-Event-ID` and URLs: `42`, or `commit/prepare` when they differ. */
export const formatPosition = (p: Position): string =>
  p.commit === p.prepare ? p.commit.toString() : `${p.commit.toString()}/${p.prepare.toString()}`;

/** Parses `formatPosition`'s output; `undefined` for anything else. */
export const parsePosition = (text: string): Position | undefined => {
  const match = /^(\d{1,19})(?:\/(\d{1,19}))?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  const commit = BigInt(match[1]);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
};
