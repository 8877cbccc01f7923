/**
 * Docker's log stream for a container without a TTY is multiplexed: each
 * frame is an 8-byte header (stream type, 3 zero bytes, big-endian payload
 * length) and the payload. This transform drops the headers and passes the
 * payloads on in order, stdout and stderr interleaved as written, which is
 * what `kubectl logs` shows. Frames may be split across chunks.
 */
import { Transform, type TransformCallback } from 'node:stream';

export class DockerLogFrames extends Transform {
  private pending = Buffer.alloc(0);

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      this.push(buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
    done();
  }
}

/** Passes on at most `limit` bytes, then ends (kube's limitBytes). */
export class ByteLimit extends Transform {
  private left: number;

  constructor(limit: number) {
    super();
    this.left = limit;
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.left <= 0) return done();
    const part = chunk.length > this.left ? chunk.subarray(0, this.left) : chunk;
    this.left -= part.length;
    this.push(part);
    if (this.left <= 0) this.push(null);
    done();
  }
}
