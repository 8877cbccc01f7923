/**
 * PEM armour (RFC 7468) for DER certificates: base64 in 64-character lines
 * between BEGIN/END labels, the form kubeconfig's certificate-authority-data
 * and node's tls options expect.
 */
export function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The DER bytes of the first PEM block with the given label. Throws when
 * there is none, so a truncated or wrong file is reported rather than parsed
 * as garbage.
 */
export function pemToDer(pem: string, label = 'CERTIFICATE'): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`no PEM block labelled ${label}`);
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}
