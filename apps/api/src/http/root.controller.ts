/**
 * The non-resource endpoints: /version and the health checks (open to
 * anyone, as kube's system:public-info-viewer allows), OpenAPI (any
 * authenticated user) and the root path list.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, openApiV2, openApiV2Protobuf, openApiV3For, openApiV3Root } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { versionInfo } from './discovery';
import { sendError, sendJson } from './respond';

type Request = IncomingMessage & { originalUrl?: string };

/** The SHA-512 core's /openapi/v3 root hashes documents with (core has no Node crypto). */
const sha512hex = (text: string): string => createHash('sha512').update(text, 'utf8').digest('hex');

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

@Controller()
export class RootController {
  private v2Text: string | undefined;
  private readonly v3Texts = new Map<string, string>();

  constructor(@Inject(ApiContext) private readonly api: ApiContext) {}

  @Get('version')
  version(@Res() res: ServerResponse): void {
    sendJson(res, 200, versionInfo());
  }

  @Get(['healthz', 'livez'])
  live(@Res() res: ServerResponse): void {
    sendText(res, 200, 'ok');
  }

  @Get('readyz')
  async ready(@Res() res: ServerResponse): Promise<void> {
    if (!this.api.projection.caughtUp) return sendText(res, 503, '[-]projection failed: still reading the event log\nreadyz check failed');
    // Serving reads from the projection is not enough: a write needs the store.
    if (!(await this.api.storeHealth.ready())) return sendText(res, 503, '[+]projection ok\n[-]eventstore failed: the event store is unavailable\nreadyz check failed');
    sendText(res, 200, 'ok');
  }

  @Get('')
  root(@Req() req: Request, @Res() res: ServerResponse): void {
    try {
      this.api.authenticator.authenticate(req);
      sendJson(res, 200, { paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version'] });
    } catch (err) {
      sendError(res, err);
    }
  }

  @Get('openapi/v2')
  v2(@Req() req: Request, @Res() res: ServerResponse): void {
    try {
      this.api.authenticator.authenticate(req);
      // kubectl reads /openapi/v2 only as protobuf (for apply of a List, explain --output plaintext-openapiv2).
      if ((req.headers.accept ?? '').includes('protobuf')) {
        const body = openApiV2Protobuf();
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE, 'Content-Length': body.length });
        res.end(Buffer.from(body));
        return;
      }
      this.v2Text ??= JSON.stringify(openApiV2());
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(this.v2Text) });
      res.end(this.v2Text);
    } catch (err) {
      sendError(res, err);
    }
  }

  @Get(['openapi/v3', 'openapi/v3/*path'])
  v3(@Req() req: Request, @Res() res: ServerResponse): void {
    try {
      this.api.authenticator.authenticate(req);
      const url = new URL(req.originalUrl ?? '/', 'http://localhost');
      const gv = url.pathname.replace(/^\/openapi\/v3\/?/, '');
      let text = this.v3Texts.get(gv);
      if (text === undefined) {
        const doc = gv === '' ? openApiV3Root(sha512hex) : openApiV3For(gv);
        if (!doc) return sendJson(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
        text = JSON.stringify(doc);
        this.v3Texts.set(gv, text);
      }
      // A request naming the current hash may be cached for good, as kube-apiserver allows.
      const cache = gv !== '' && url.searchParams.has('hash') ? 'public, immutable, max-age=31536000' : 'no-cache, private';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': cache, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    } catch (err) {
      sendError(res, err);
    }
  }
}
