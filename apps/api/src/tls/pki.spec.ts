import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServerPki, RENEW_BEFORE_DAYS } from './pki';
import { itWithOpenssl, makeTempDir, openssl } from './testing/tools';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const DAY = 24 * 3600_000;
const HOSTS = ['127.0.0.1', 'localhost'];
const later = (days: number) => new Date(NOW.getTime() + days * DAY);

describe('ensureServerPki', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  const read = (name: string) => readFileSync(join(tmp.dir, name), 'utf8');

  it('creates the CA and server files on first use, keys owner-only', () => {
    const dir = join(tmp.dir, 'pki'); // created when missing
    const pki = ensureServerPki(dir, { hosts: HOSTS, now: NOW });
    expect(pki.issued).toEqual({ ca: true, server: true });
    expect(pki.caPath).toBe(join(dir, 'ca.crt'));
    expect(pki.certPath).toBe(join(dir, 'server.crt'));
    expect(pki.keyPath).toBe(join(dir, 'server.key'));
    expect(readFileSync(pki.caPath, 'utf8')).toBe(pki.caCertPem);
    expect(readFileSync(pki.certPath, 'utf8')).toBe(pki.certPem);
    expect(readFileSync(pki.keyPath, 'utf8')).toBe(pki.keyPem);
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(pki.keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(pki.certPath).mode & 0o777).toBe(0o644);

    const ca = new X509Certificate(pki.caCertPem);
    const server = new X509Certificate(pki.certPem);
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
  });

  it('reuses everything on a second call', () => {
    const first = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
    const mtime = statSync(first.certPath).mtimeMs;
    const second = ensureServerPki(tmp.dir, { hosts: ['localhost', '127.0.0.1'], now: later(100) });
    expect(second.issued).toEqual({ ca: false, server: false });
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.certPem).toBe(first.certPem);
    expect(second.keyPem).toBe(first.keyPem);
    expect(statSync(first.certPath).mtimeMs).toBe(mtime);
  });

  it('reissues the server certificate, keeping the CA, when a host is not in its SAN', () => {
    const first = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
    const caKey = read('ca.key');
    const second = ensureServerPki(tmp.dir, { hosts: [...HOSTS, '10.0.0.7', 'api.chronokube.test'], now: NOW });
    expect(second.issued).toEqual({ ca: false, server: true });
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(read('ca.key')).toBe(caKey);
    expect(second.certPem).not.toBe(first.certPem);
    expect(second.keyPem).not.toBe(first.keyPem);
    expect(read('server.crt')).toBe(second.certPem);
    const san = new X509Certificate(second.certPem).subjectAltName;
    expect(san).toBe('DNS:localhost, DNS:api.chronokube.test, IP Address:127.0.0.1, IP Address:10.0.0.7');
    // A subset of the SAN is still covered, and names compare case-insensitively.
    expect(ensureServerPki(tmp.dir, { hosts: ['API.chronokube.test'], now: NOW }).issued.server).toBe(false);
  });

  it('treats IPv6 addresses written differently as the same host', () => {
    ensureServerPki(tmp.dir, { hosts: ['::1'], now: NOW });
    expect(ensureServerPki(tmp.dir, { hosts: ['0:0:0:0:0:0:0:1'], now: NOW }).issued.server).toBe(false);
    expect(ensureServerPki(tmp.dir, { hosts: ['::2'], now: NOW }).issued.server).toBe(true);
  });

  it(`reissues the server certificate within ${RENEW_BEFORE_DAYS} days of expiry`, () => {
    const first = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
    expect(ensureServerPki(tmp.dir, { hosts: HOSTS, now: later(334) }).issued.server).toBe(false);
    const renewed = ensureServerPki(tmp.dir, { hosts: HOSTS, now: later(336) });
    expect(renewed.issued).toEqual({ ca: false, server: true });
    expect(renewed.caCertPem).toBe(first.caCertPem);
    expect(new Date(new X509Certificate(renewed.certPem).validTo).getTime()).toBe(later(336 + 365).getTime());
  });

  it('replaces a CA that is corrupt, or whose key does not match, and then the server certificate too', () => {
    const first = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
    writeFileSync(join(tmp.dir, 'ca.crt'), 'not a certificate');
    const second = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
    expect(second.issued).toEqual({ ca: true, server: true });
    expect(second.caCertPem).not.toBe(first.caCertPem);
    expect(new X509Certificate(second.certPem).verify(new X509Certificate(second.caCertPem).publicKey)).toBe(true);

    writeFileSync(join(tmp.dir, 'ca.key'), first.keyPem); // a valid key, but not the CA's
    expect(ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW }).issued).toEqual({ ca: true, server: true });
  });

  it('reissues a server certificate that is missing, mismatched with its key, or signed by another CA', () => {
    const first = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
    writeFileSync(join(tmp.dir, 'server.key'), read('ca.key'));
    expect(ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW }).issued).toEqual({ ca: false, server: true });

    const other = makeTempDir();
    try {
      const foreign = ensureServerPki(other.dir, { hosts: HOSTS, now: NOW });
      writeFileSync(join(tmp.dir, 'server.crt'), foreign.certPem);
      writeFileSync(join(tmp.dir, 'server.key'), foreign.keyPem);
      const fixed = ensureServerPki(tmp.dir, { hosts: HOSTS, now: NOW });
      expect(fixed.issued).toEqual({ ca: false, server: true });
      expect(fixed.caCertPem).toBe(first.caCertPem);
    } finally {
      other.remove();
    }
  });

  it('fails with a one-line message when the directory cannot be written', () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, '');
    const attempt = () => ensureServerPki(join(file, 'pki'), { hosts: HOSTS, now: NOW });
    expect(attempt).toThrow(/^TLS directory .*a-file\/pki is not writable \(ENOTDIR\)/);
    try {
      attempt();
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('requires at least one host', () => {
    expect(() => ensureServerPki(tmp.dir, { hosts: [] })).toThrow(/at least one host/);
  });

  itWithOpenssl()('writes files that openssl verify accepts', () => {
    const pki = ensureServerPki(tmp.dir, { hosts: HOSTS });
    const out = openssl(['verify', '-x509_strict', '-purpose', 'sslserver', '-verify_ip', '127.0.0.1', '-CAfile', pki.caPath, pki.certPath]);
    expect(out).toMatch(/server\.crt: OK/);
    expect(openssl(['pkey', '-in', pki.keyPath, '-pubout'])).toBe(openssl(['x509', '-in', pki.certPath, '-noout', '-pubkey']));
  });
});
