import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** AES-256: the master key is 32 random bytes, stored raw. */
export const masterKeyBytes = 32;

const keyName = 'security.keyFile (BONRELAY_KEY_FILE)';

/** The master key file is unusable: refusing to start beats writing personal data we cannot protect. */
export class MasterKeyError extends Error {
  readonly code = 'MASTER_KEY_UNUSABLE';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${keyName}: ${file} ${problem}`);
    this.name = 'MasterKeyError';
  }
}

/** What `loadOrCreateMasterKey` says when it makes a key; pino's logger fits. */
export interface KeyLogger {
  warn(details: object, message: string): void;
}

function createKey(file: string, logger: KeyLogger): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(masterKeyBytes);
  // 'wx' never overwrites a key another process made a moment ago; the mode is set at creation.
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, key);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
  logger.warn(
    { keyFile: file },
    'created a new master key: back it up apart from the database — without it no guest data in the log can be read',
  );
  return key;
}

function readKey(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new MasterKeyError(
        file,
        `has mode ${mode.toString(8).padStart(4, '0')}; it must be readable by its owner only (chmod 600)`,
      );
    }
    const key = readFileSync(fd);
    if (key.length !== masterKeyBytes) {
      throw new MasterKeyError(file, `holds ${key.length} bytes; a master key is exactly ${masterKeyBytes}`);
    }
    return key;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the master key for tools that must never make one (the CLI): undefined when there is no
 * file yet, so a log written before encryption existed can still be read.
 */
export function readMasterKey(file: string): Buffer | undefined {
  try {
    return readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof MasterKeyError) throw error;
    throw new MasterKeyError(file, `cannot be read (${(error as Error).message})`);
  }
}

/**
 * Reads the key that wraps every guest's data key, or makes one (mode 0600) on the very first start.
 * A key others can read, or a file of the wrong size, stops the service with an error naming the
 * config key: silently making a new key would orphan every guest's data already in the log.
 */
export function loadOrCreateMasterKey(file: string, logger: KeyLogger): Buffer {
  try {
    return readKey(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        return createKey(file, logger);
      } catch (created) {
        if ((created as NodeJS.ErrnoException).code === 'EEXIST') return readKey(file);
        throw new MasterKeyError(file, `cannot be created (${(created as Error).message})`);
      }
    }
    if (error instanceof MasterKeyError) throw error;
    throw new MasterKeyError(file, `cannot be read (${code ?? (error as Error).message})`);
  }
}
