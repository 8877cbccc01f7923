import { ipAddressBytes, ipAddressText } from './ip-address';

const hex = (text: string) => ipAddressBytes(text).toString('hex');

describe('ipAddressBytes', () => {
  it('gives 4 octets for IPv4', () => {
    expect(hex('127.0.0.1')).toBe('7f000001');
    expect(hex('10.96.0.1')).toBe('0a600001');
  });

  it('gives 16 octets for IPv6 in every textual form', () => {
    expect(hex('::1')).toBe('00000000000000000000000000000001');
    expect(hex('::')).toBe('0'.repeat(32));
    expect(hex('1::')).toBe('0001' + '0'.repeat(28));
    expect(hex('2001:db8::8a2e:370:7334')).toBe('20010db8000000000000' + '8a2e03707334');
    expect(hex('2001:0db8:0000:0000:0000:ff00:0042:8329')).toBe('20010db8000000000000ff0000428329');
    expect(hex('::ffff:10.1.2.3')).toBe('00000000000000000000ffff0a010203');
    expect(hex('64:ff9b::192.0.2.33')).toBe('0064ff9b0000000000000000c0000221');
    expect(hex('fe80::1%eth0')).toBe('fe800000000000000000000000000001');
  });

  it('throws on names and malformed addresses', () => {
    for (const bad of ['localhost', '1.2.3', '256.1.1.1', '1:2:3', '1::2::3', '']) {
      expect(() => ipAddressBytes(bad)).toThrow(/not an IP address/);
    }
  });
});

describe('ipAddressText', () => {
  it('renders equal addresses identically however they were written', () => {
    expect(ipAddressText(ipAddressBytes('::1'))).toBe(ipAddressText(ipAddressBytes('0:0:0:0:0:0:0:1')));
    expect(ipAddressText(ipAddressBytes('127.0.0.1'))).toBe('127.0.0.1');
    expect(ipAddressText(Buffer.from([1, 2, 3]))).toMatch(/^invalid/);
  });
});
