/** TLS for the API server: a self-signed CA and a serving certificate, built without dependencies. */
export { createCertificateAuthority, issueServerCertificate } from './certificates';
export type { CertificateAuthorityOptions, PemKeyPair, ServerCertificateOptions } from './certificates';
export { ensureServerPki, RENEW_BEFORE_DAYS } from './pki';
export type { ServerPki, ServerPkiOptions } from './pki';
