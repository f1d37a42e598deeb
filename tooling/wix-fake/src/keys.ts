import { type CryptoKey, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';

export interface WixKeyPair {
  /** What Wix shows in the app dashboard, and what bonrelay is configured with. */
  readonly publicKeyPem: string;
  readonly privateKey: CryptoKey;
  readonly privateKeyPem: string;
}

/** A fresh RSA 2048 key pair, so every test signs with its own "Wix app" key. */
export async function generateWixKeyPair(): Promise<WixKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  return {
    publicKeyPem: await exportSPKI(publicKey),
    privateKey,
    privateKeyPem: await exportPKCS8(privateKey),
  };
}
