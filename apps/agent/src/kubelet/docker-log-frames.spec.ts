import { Readable } from 'node:stream';
import { ByteLimit, DockerLogFrames } from './docker-log-frames';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

async function collect(chunks: Buffer[], ...through: NodeJS.ReadWriteStream[]): Promise<string> {
  let s: NodeJS.ReadableStream = Readable.from(chunks);
  for (const t of through) s = s.pipe(t);
  let out = '';
  for await (const c of s) out += c.toString();
  return out;
}

describe('DockerLogFrames', () => {
  it('strips the 8-byte headers and keeps stdout and stderr in order, across any chunking', async () => {
    const bytes = Buffer.concat([frame(1, 'one\n'), frame(2, 'err\n'), frame(1, 'two\n'), frame(1, '')]);
    for (const size of [1, 3, 8, 9, 100]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await collect(chunks, new DockerLogFrames())).toBe('one\nerr\ntwo\n');
    }
  });
});

describe('ByteLimit', () => {
  it('passes at most the limit, cutting inside a chunk', async () => {
    expect(await collect([Buffer.from('abc'), Buffer.from('def'), Buffer.from('ghi')], new ByteLimit(5))).toBe('abcde');
    expect(await collect([Buffer.from('abc')], new ByteLimit(10))).toBe('abc');
  });
});
