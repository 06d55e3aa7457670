/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- JSON payloads read back loosely in assertions */
/** Raw HTTP for the simulator tests: one connection per request, so nothing retries a reset behind our back. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => any;
}

export const basic = (username: string, password: string): string => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
export const AUDIT = basic('AUDIT_SVC', 'sim-audit_svc');

export const getRaw = (base: string, path: string, options: { auth?: string; headers?: Record<string, string>; method?: string } = {}): Promise<RawResponse | 'reset'> =>
  new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: options.method ?? 'GET',
      agent: false,
      headers: { ...(options.auth === undefined ? {} : { authorization: options.auth }), ...options.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || /socket hang up/.test(error.message) ? resolve('reset') : reject(error)));
    req.end();
  });

/** getRaw that fails the test on a reset. */
export const get = async (base: string, path: string, options: Parameters<typeof getRaw>[2] = {}): Promise<RawResponse> => {
  const response = await getRaw(base, path, { auth: AUDIT, ...options });
  if (response === 'reset') throw new Error(`unexpected reset on ${path}`);
  return response;
};
