import type { IncomingMessage } from 'node:http';
import { sourceIpOf, sourceIpsOf } from './request-context';

const req = (remoteAddress: string, headers: Record<string, string | string[]> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('sourceIpsOf (kube audit sourceIPs)', () => {
  it('is undefined without forwarding headers: the remote address alone is sourceIP', () => {
    expect(sourceIpsOf(req('::ffff:10.0.0.1'))).toBeUndefined();
    expect(sourceIpOf(req('::ffff:10.0.0.1'))).toBe('10.0.0.1');
  });

  it('lists X-Forwarded-For in order, then X-Real-Ip unless listed, then the remote address unless it repeats the last', () => {
    expect(sourceIpsOf(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 10.0.0.5' }))).toEqual(['203.0.113.9', '10.0.0.5', '127.0.0.1']);
    expect(sourceIpsOf(req('127.0.0.1', { 'x-forwarded-for': '10.0.0.5', 'x-real-ip': '10.0.0.6' }))).toEqual(['10.0.0.5', '10.0.0.6', '127.0.0.1']);
    expect(sourceIpsOf(req('127.0.0.1', { 'x-forwarded-for': '10.0.0.5', 'x-real-ip': '10.0.0.5' }))).toEqual(['10.0.0.5', '127.0.0.1']);
    expect(sourceIpsOf(req('::ffff:127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }))).toEqual(['127.0.0.1']);
    expect(sourceIpsOf(req('::1', { 'x-forwarded-for': '2001:db8::1' }))).toEqual(['2001:db8::1', '::1']);
  });

  it('leaves out entries that are not addresses, and is undefined when none is left', () => {
    expect(sourceIpsOf(req('127.0.0.1', { 'x-forwarded-for': 'unknown, <script>, 10.0.0.5' }))).toEqual(['10.0.0.5', '127.0.0.1']);
    expect(sourceIpsOf(req('127.0.0.1', { 'x-forwarded-for': 'garbage', 'x-real-ip': 'also garbage' }))).toBeUndefined();
  });
});
