import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { createCertificateAuthority, issueServerCertificate, PemKeyPair } from './certificates';
import { ipAddressBytes, ipAddressText } from './ip-address';
import { CERT_MODE, KEY_MODE, prepareWritableDir, readIfPresent, writeFileAtomic } from './pki-files';
import { readCertificateFields } from './x509-reader';

export interface ServerPkiOptions {
  /** Names and addresses clients will dial, e.g. ['127.0.0.1', 'localhost']; IPs and DNS names may be mixed. */
  hosts: readonly string[];
  /** The current time, injected for tests. Default: the clock. */
  now?: Date;
}

/** The serving material and where it lives; `issued` says what this call had to (re)create. */
export interface ServerPki {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  caPath: string;
  certPath: string;
  keyPath: string;
  issued: { ca: boolean; server: boolean };
}

/** Subject names of the generated certificates; they must differ, or the leaf would look self-issued. */
export const CA_COMMON_NAME = 'chronokube-ca';
export const SERVER_COMMON_NAME = 'chronokube-apiserver';

/**
 * Certificates are replaced this long before they expire, so a server that
 * restarts now and then never serves an expired one.
 */
export const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes sure `dir` holds a CA (ca.crt, ca.key) and a server certificate
 * signed by it (server.crt, server.key) valid for every one of `hosts`, and
 * returns them. Idempotent: existing files are reused as long as they are
 * sound. The CA is replaced only when missing, unreadable, mismatched with
 * its key, or within RENEW_BEFORE_DAYS of expiry, since a new CA invalidates
 * every kubeconfig that trusts the old one. The server certificate is
 * reissued when it is not signed by the CA, lacks a requested host, or is
 * within RENEW_BEFORE_DAYS of expiry. Keys are written with mode 0600.
 * Throws a one-line Error when `dir` cannot be written.
 */
export function ensureServerPki(dir: string, options: ServerPkiOptions): ServerPki {
  const now = options.now ?? new Date();
  const hosts = splitHosts(options.hosts);
  const paths = {
    caPath: join(dir, 'ca.crt'),
    caKeyPath: join(dir, 'ca.key'),
    certPath: join(dir, 'server.crt'),
    keyPath: join(dir, 'server.key'),
  };
  prepareWritableDir(dir);

  let ca = loadPair(paths.caPath, paths.caKeyPath, (cert, key) => isUsableCa(cert, key, now));
  const issuedCa = ca === undefined;
  if (!ca) {
    ca = createCertificateAuthority({ commonName: CA_COMMON_NAME, now });
    // Key first: a crash between the two writes leaves a mismatched pair, which the next call replaces.
    writeFileAtomic(dir, paths.caKeyPath, ca.keyPem, KEY_MODE);
    writeFileAtomic(dir, paths.caPath, ca.certPem, CERT_MODE);
  }
  const caCert = new X509Certificate(ca.certPem);

  let server = issuedCa
    ? undefined
    : loadPair(paths.certPath, paths.keyPath, (cert, key) => isUsableServerCert(cert, key, caCert, hosts, now));
  const issuedServer = server === undefined;
  if (!server) {
    server = issueServerCertificate(ca, { commonName: SERVER_COMMON_NAME, ...hosts, now });
    writeFileAtomic(dir, paths.keyPath, server.keyPem, KEY_MODE);
    writeFileAtomic(dir, paths.certPath, server.certPem, CERT_MODE);
  }
  return {
    caCertPem: ca.certPem,
    certPem: server.certPem,
    keyPem: server.keyPem,
    caPath: paths.caPath,
    certPath: paths.certPath,
    keyPath: paths.keyPath,
    issued: { ca: issuedCa, server: issuedServer },
  };
}

interface Hosts {
  dnsNames: string[];
  ipAddresses: string[];
}

function splitHosts(hosts: readonly string[]): Hosts {
  if (hosts.length === 0) throw new Error('ensureServerPki needs at least one host to put in the certificate');
  const result: Hosts = { dnsNames: [], ipAddresses: [] };
  for (const host of new Set(hosts)) {
    // A zone ("fe80::1%eth0") cannot go in a certificate; isIP rejects it, so strip it before asking.
    if (isIP(host.replace(/%.*$/, ''))) result.ipAddresses.push(host);
    else result.dnsNames.push(host);
  }
  return result;
}

/** Reads a certificate and key from disk; undefined when either is absent, unparsable or fails `usable`. */
function loadPair(
  certPath: string,
  keyPath: string,
  usable: (cert: X509Certificate, key: KeyObject) => boolean,
): PemKeyPair | undefined {
  const certPem = readIfPresent(certPath);
  const keyPem = readIfPresent(keyPath);
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    return usable(new X509Certificate(certPem), createPrivateKey(keyPem)) ? { certPem, keyPem } : undefined;
  } catch {
    // Garbage in a file is treated like a missing file: regenerate rather than refuse to start.
    return undefined;
  }
}

function isUsableCa(cert: X509Certificate, key: KeyObject, now: Date): boolean {
  return (
    cert.ca &&
    key.asymmetricKeyType === 'ec' &&
    cert.checkPrivateKey(key) &&
    cert.checkIssued(cert) &&
    cert.verify(cert.publicKey) &&
    isCurrent(cert, now)
  );
}

function isUsableServerCert(cert: X509Certificate, key: KeyObject, ca: X509Certificate, hosts: Hosts, now: Date): boolean {
  if (cert.ca || !cert.checkPrivateKey(key) || !cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return false;
  if (!isCurrent(cert, now)) return false;
  const san = readCertificateFields(cert.raw);
  // DNS names are case-insensitive; addresses compare by their octets, however they were written.
  const names = new Set(san.dnsNames.map((name) => name.toLowerCase()));
  const addresses = new Set(san.ipAddresses);
  return (
    hosts.dnsNames.every((name) => names.has(name.toLowerCase())) &&
    hosts.ipAddresses.every((ip) => addresses.has(ipAddressText(ipAddressBytes(ip))))
  );
}

/** Already valid, and not so close to expiry that it should be replaced now. */
function isCurrent(cert: X509Certificate, now: Date): boolean {
  const validFrom = new Date(cert.validFrom).getTime();
  const validTo = new Date(cert.validTo).getTime();
  return validFrom <= now.getTime() && validTo - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
}
