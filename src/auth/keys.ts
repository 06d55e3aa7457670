import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResolveContext } from './types.ts';

const readText = (context: ResolveContext, field: string, file: string): string | null => {
  const path = resolve(context.baseDir, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    context.problems.push(`${context.where}.${field}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
};

/**
 * An RSA private key from PEM (PKCS#8 or PKCS#1, optionally encrypted with a passphrase from an
 * env var). node:crypto reads every form; the message never echoes key material.
 */
export const readSigningKey = (context: ResolveContext, file: string, passphraseEnv: string | undefined): KeyObject | null => {
  const pem = readText(context, 'privateKeyFile', file);
  const passphrase = passphraseEnv === undefined ? undefined : context.readSecret('privateKeyPassphraseEnv', passphraseEnv);
  if (pem === null || passphrase === null) return null;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', ...(passphrase === undefined ? {} : { passphrase }) });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(pem);
    const reason = encrypted && passphrase === undefined ? 'the key is encrypted: name its passphrase in privateKeyPassphraseEnv'
      : encrypted ? 'wrong passphrase, or not a PEM private key' : 'not a PEM private key (PKCS#8 or PKCS#1)';
    context.problems.push(`${context.where}.privateKeyFile: ${file}: ${reason} (${(error as Error).message.split('\n')[0] ?? ''})`);
    return null;
  }
  if (key.asymmetricKeyType !== 'rsa') {
    context.problems.push(`${context.where}.privateKeyFile: ${file}: key type ${key.asymmetricKeyType ?? 'unknown'}, expected RSA (Oracle accepts RS256 only)`);
    return null;
  }
  return key;
};

/** base64url SHA-1 of the certificate's DER bytes: the JWT header `x5t`. */
export const toX5t = (certificate: X509Certificate): string => createHash('sha1').update(certificate.raw).digest('base64url');

/** The certificate's x5t, checked against the private key (a mismatch would only show as a 401 later). */
export const readCertificateThumbprint = (context: ResolveContext, file: string, key: KeyObject | null): string | null => {
  const pem = readText(context, 'certificateFile', file);
  if (pem === null) return null;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    context.problems.push(`${context.where}.certificateFile: ${file}: not a PEM X.509 certificate`);
    return null;
  }
  if (key !== null && !certificate.checkPrivateKey(key)) {
    context.problems.push(`${context.where}.certificateFile: ${file}: does not belong to the private key in privateKeyFile`);
    return null;
  }
  return toX5t(certificate);
};
