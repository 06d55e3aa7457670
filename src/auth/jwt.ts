import { randomUUID, sign, type KeyObject } from 'node:crypto';

const toSegment = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact RS256 JWS (RFC 7515/7519) signed with node:crypto; the only algorithm Oracle accepts. */
export const signJwt = (header: Record<string, string>, claims: Record<string, string | number>, key: KeyObject): string => {
  const input = `${toSegment({ alg: 'RS256', typ: 'JWT', ...header })}.${toSegment(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
};

/** Header fields that name the signing certificate: kid (the alias) and/or x5t (the thumbprint). */
export const toKeyHeader = (keyId: string | null, x5t: string | null): Record<string, string> => ({
  ...(x5t === null ? {} : { x5t }),
  ...(keyId === null ? {} : { kid: keyId }),
});

export const createJwtId = (): string => randomUUID();
