import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Ciphertext with what it takes to open it; base64 so it sits in the log's JSON. */
export interface SealedBox {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

const algorithm = 'aes-256-gcm';

/**
 * Encrypts and authenticates `plaintext` under a 32-byte key. `context` is authenticated but not
 * stored, so a box copied into another event (or another guest's key row) no longer opens.
 */
export function seal(key: Buffer, plaintext: Buffer, context: string): SealedBox {
  const iv = randomBytes(12);
  const cipher = createCipheriv(algorithm, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Opens a box, or answers undefined when the key is wrong or anything was changed: never throws. */
export function open(key: Buffer, box: SealedBox, context: string): Buffer | undefined {
  try {
    const decipher = createDecipheriv(algorithm, key, Buffer.from(box.iv, 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
}
