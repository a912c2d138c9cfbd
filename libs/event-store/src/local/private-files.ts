import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The registry's data files hold personal data (names, citizen ids, addresses): only the account that runs
 * the registry may read them. The data directory is 0700, the database files 0600.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** SQLite's companions of a database file in WAL mode: created with the database file's own mode. */
export const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'] as const;

const ownedByUs = (uid: number): boolean => process.getuid === undefined || process.getuid() === uid;

/** Removes group and other bits from a path this process owns (a path of another user is left alone). */
const tighten = (path: string, mode: number): void => {
  const stat = statSync(path);
  if ((stat.mode & 0o077) !== 0 && ownedByUs(stat.uid)) chmodSync(path, stat.mode & mode & 0o777);
};

/** Tightens an existing file we own to 0600 (a key or database file an older version left readable to others). */
export const privateFile = (file: string): void => tighten(file, PRIVATE_FILE_MODE);

/** Creates a directory (and its missing parents) 0700, or tightens an existing one we own to 0700. */
export const privateDir = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
};

/**
 * Makes a SQLite database file private before SQLite opens it: created empty with mode 0600 (SQLite gives
 * the WAL and shared-memory files it creates later the database file's mode), or tightened to 0600 with its
 * existing -wal/-shm/-journal files when an older version left them readable to others. Its directory too.
 */
export const privateDatabaseFile = (file: string): void => {
  privateDir(dirname(file));
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => `${file}${suffix}`)]) if (existsSync(path)) privateFile(path);
};
