import { createHash, verify, X509Certificate } from 'node:crypto';

/** A JWT whose RS256 signature checked out against the trusted certificate; claims unchecked. */
export interface VerifiedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const decodeSegment = (segment: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

export interface TrustedCertificate {
  certificate: X509Certificate;
  x5t: string;
  /** Alias the certificate was registered under (matches a `kid`). */
  alias: string | null;
}

export const toTrustedCertificate = (pem: string, alias: string | null): TrustedCertificate => {
  const certificate = new X509Certificate(pem);
  return { certificate, x5t: createHash('sha1').update(certificate.raw).digest('base64url'), alias };
};

/**
 * Checks what Oracle checks on an assertion or a Fusion direct JWT (oracle-reference §11.8/§11.9):
 * RS256 only, kid or x5t naming the trusted certificate, a valid signature, not expired.
 * Returns the decoded token or a reason (for error_description / the 401 body).
 */
export const verifyJwt = (token: string, trusted: TrustedCertificate, nowS: number): VerifiedJwt | string => {
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a compact JWS';
  const [head = '', body = '', signature = ''] = parts;
  const header = decodeSegment(head);
  const claims = decodeSegment(body);
  if (header === null || claims === null) return 'undecodable JWT';
  if (header.alg !== 'RS256') return `alg ${String(header.alg)} is not RS256`;
  const named = header.x5t === trusted.x5t || (trusted.alias !== null && header.kid === trusted.alias);
  if (!named) return 'kid/x5t does not name a trusted certificate';
  const valid = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), trusted.certificate.publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return 'signature does not verify against the trusted certificate';
  if (typeof claims.exp !== 'number' || claims.exp <= nowS) return 'token expired';
  if (typeof claims.iat !== 'number' || claims.iat > claims.exp) return 'iat missing or after exp';
  return { header, claims };
};
