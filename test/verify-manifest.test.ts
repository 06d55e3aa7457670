import { createHash, generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidence, writeReports } from '../src/report/index.ts';
import { createReportInput } from './fixtures/report-input.ts';

let dir: string;
let privateKey: string;
let publicKey: string;
let otherPublicKey: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-manifest-'));
  const pair = generateKeyPairSync('ed25519');
  privateKey = join(dir, 'sign.pem');
  publicKey = join(dir, 'sign.pub.pem');
  otherPublicKey = join(dir, 'other.pub.pem');
  await writeFile(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await writeFile(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(otherPublicKey, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const render = async (name: string, signKey?: string): Promise<string> => {
  const out = join(dir, name);
  // A stand-in snapshot file and a policy file outside the folder, as a real run has.
  await writeFile(join(dir, 'policy.yaml'), 'rules: []\n');
  const input = createReportInput();
  input.record.policies = [{ path: join(dir, 'policy.yaml'), sha256: createHash('sha256').update('rules: []\n').digest('hex') }];
  await writeReports(out, input, { formats: ['sarif', 'junit', 'md', 'json'], signKey });
  return out;
};

describe('evidence manifest', () => {
  it('hashes every file and the policy files, and verifies intact', async () => {
    const out = await render('intact');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.runId).toBe('20251120T080500Z-acme-prod');
    expect(manifest.tool.name).toBe('fusion-access-audit');
    const sarif = manifest.files.find((f: { path: string }) => f.path === 'results.sarif');
    expect(sarif.sha256).toBe(createHash('sha256').update(await readFile(join(out, 'results.sarif'))).digest('hex'));
    expect(manifest.policies[0].currentSha256).toBe(manifest.policies[0].recordedSha256);
    const result = await verifyEvidence(out);
    expect(result.problems).toEqual([]);
    expect(result.signature).toBe('unsigned');
  });

  it('names a changed file and a missing file', async () => {
    const out = await render('tampered');
    await appendFile(join(out, 'summary.md'), 'edited\n');
    await unlink(join(out, 'junit.xml'));
    const result = await verifyEvidence(out);
    expect(result.problems).toHaveLength(2);
    expect(result.problems.find((p) => p.startsWith('summary.md'))).toMatch(/changed/);
    expect(result.problems.find((p) => p.startsWith('junit.xml'))).toMatch(/missing/);
  });

  it('notes files added after the manifest and edited policy files without failing', async () => {
    const out = await render('notes');
    await writeFile(join(out, 'extra.txt'), 'x');
    await writeFile(join(dir, 'policy.yaml'), 'rules: [changed]\n');
    const result = await verifyEvidence(out);
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/extra\.txt: not in the manifest/);
    expect(result.notes.join('\n')).toMatch(/policy\.yaml: differs/);
  });

  it('signs the manifest; a re-hashed edit fails the signature check', async () => {
    const out = await render('signed', privateKey);
    expect((await verifyEvidence(out, { publicKey })).signature).toBe('valid');
    expect((await verifyEvidence(out, { publicKey: otherPublicKey })).signature).toBe('invalid');
    // An attacker edits a file and fixes its hash in the manifest: hashes pass, the signature does not.
    await appendFile(join(out, 'findings.json'), ' ');
    const manifestFile = join(out, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    const entry = manifest.files.find((f: { path: string }) => f.path === 'findings.json');
    entry.sha256 = createHash('sha256').update(await readFile(join(out, 'findings.json'))).digest('hex');
    entry.bytes += 1;
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const result = await verifyEvidence(out, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.signature).toBe('invalid');
  });

  it('an unsigned folder fails when a public key is required', async () => {
    const out = await render('unsigned-key');
    expect((await verifyEvidence(out, { publicKey })).signature).toBe('missing');
  });

  it('re-rendering without a key removes a stale signature', async () => {
    const out = await render('resign', privateKey);
    await render('resign');
    expect((await verifyEvidence(out)).signature).toBe('unsigned');
  });

  it('unreadable input is a one-line error naming the file', async () => {
    await expect(verifyEvidence(join(dir, 'nowhere'))).rejects.toThrow(/manifest\.json: cannot read/);
    const out = await render('garbled');
    await writeFile(join(out, 'manifest.json'), '{"schemaVersion": 1');
    await expect(verifyEvidence(out)).rejects.toThrow(/manifest\.json: invalid JSON/);
    await writeFile(join(out, 'manifest.json'), JSON.stringify({ schemaVersion: 1, kind: 'fusion-access-audit/evidence', tool: { name: 'x', version: '1' }, runId: 'r', tenant: 't', generatedAt: 'g', files: [{ path: '../../etc/passwd', sha256: 'a'.repeat(64), bytes: 1 }], policies: [], waivers: null }));
    expect((await verifyEvidence(out)).problems[0]).toMatch(/leaves the run folder/);
  });

  it('a wrong key type is rejected before rendering', async () => {
    const rsa = join(dir, 'rsa.pem');
    await writeFile(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(render('rsa', rsa)).rejects.toThrow(/expected ed25519/);
  });
});
