import { createHmac } from 'node:crypto';

/** Bound once: per row, a lookup of the global `Math` costs a call where globals are intercepted (jest's vm context). */
const { floor, imul } = Math;

/**
 * 记录密钥的种子: 64 bits drawn once from the SDC secret by HMAC-SHA256. Every record key is a hash of a
 * delta's row key under this seed: the same secret gives the same keys on every load and after a rebuild.
 */
export interface RecordKeySeed {
  readonly a: number;
  readonly b: number;
}

/** Derives the seed from the secret (`config.sdcSecret`); a different secret gives unrelated keys. */
export const recordKeySeedOf = (secret: string): RecordKeySeed => {
  const mac = createHmac('sha256', secret).update('huji/statistics/record-keys/v1').digest();
  return { a: mac.readInt32LE(0), b: mac.readInt32LE(4) };
};

/**
 * The seed of cubes that publish exact counts only (the CLI, the benches): public, so keys drawn from it
 * protect nothing — a cube that perturbs must be loaded with the secret's seed.
 */
export const PUBLIC_SEED: RecordKeySeed = { a: 0x2545f491, b: 0x6c078965 };

/** One MurmurHash3 round: mixes a 32-bit word into the state. */
const mix = (h: number, word: number): number => {
  let k = imul(word | 0, 0xcc9e2d51);
  k = imul((k << 15) | (k >>> 17), 0x1b873593);
  const x = h ^ k;
  return (imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
};

/** MurmurHash3's finaliser: a bijection of 32-bit integers in which every input bit reaches every output bit. */
export const finish = (h: number): number => {
  let x = h ^ (h >>> 16);
  x = imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
};

const low = (n: number): number => n >>> 0;
const high = (n: number): number => floor(n / 2 ** 32) >>> 0;

/**
 * 记录密钥 (record key) of one statistics delta: a keyed 32-bit hash of its row key in `view_stat_deltas`
 * (event_commit, event_prepare, seq). Positions past 2^53 lose precision as numbers, the same way on every
 * load, so the key stays a function of the row. Not a cryptographic PRF: the secret seed keeps keys from
 * being recomputed by someone who knows positions, and a cell's key also needs which rows it sums.
 */
export const recordKeyOf = (seed: RecordKeySeed, commit: number, prepare: number, seq: number): number => {
  const h = mix(mix(mix(mix(mix(mix(seed.a, seed.b), low(commit)), high(commit)), low(prepare)), high(prepare)), seq);
  return finish(mix(h, seed.b) ^ 20);
};
