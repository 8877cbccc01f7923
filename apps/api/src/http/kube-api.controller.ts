/**
 * Every /api and /apis request: authenticate, parse what it addresses,
 * authorize, then read (ReadService) or build a command (WriteService).
 * The controller decides nothing itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiError, methodNotAllowed, notFound, queryFlag, unavailable, type Pod } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { authorize } from '../auth/authorizer';
import type { RequestFacts } from '../history/audit-recorder';
import { readBody } from './body';
import { discoveryDocument } from './discovery';
import { parseListOptions } from './list-options';
import { negotiate } from './negotiate';
import { ReadService } from './read.service';
import { proxyPodLog } from './pod-log.proxy';
import { parseRequestPath } from './request-info';
import { sendError, sendJson } from './respond';
import { WriteService } from './write.service';
import { withCauseVersion } from './cause-header';

type Request = IncomingMessage & { originalUrl?: string };

function resourceNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

@Controller()
export class KubeApiController {
  private readonly reads: ReadService;
  private readonly writes: WriteService;

  constructor(@Inject(ApiContext) private readonly api: ApiContext, @Inject(CommandBus) commands: CommandBus) {
    this.reads = new ReadService(api);
    this.writes = new WriteService(commands);
  }

  @All(['api', 'api/*path', 'apis', 'apis/*path'])
  async handle(@Req() req: Request, @Res() res: ServerResponse): Promise<void> {
    const facts: RequestFacts = {};
    try {
      await this.serve(req, res, facts);
    } catch (err) {
      const shown = this.api.storeHealth.translate(err);
      sendError(res, shown);
      this.api.audit.refused(req, facts, shown);
    }
  }

  private async serve(req: Request, res: ServerResponse, facts: RequestFacts): Promise<void> {
    const user = this.api.authenticator.authenticate(req);
    facts.user = user;
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
    const q = url.searchParams;
    const method = (req.method ?? 'GET').toUpperCase();
    const target = parseRequestPath(method, url.pathname, queryFlag(q, 'watch'));
    if (target.type === 'badMethod') throw methodNotAllowed();
    if (target.type === 'discovery') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
      const doc = discoveryDocument(target.path, this.api.serverAddress);
      if (!doc) throw resourceNotFound();
      return sendJson(res, 200, doc);
    }
    if (target.type === 'unknown') throw resourceNotFound();
    const { resource } = target;
    Object.assign(facts, { verb: target.verb, resource: target.subresource ? `${resource.plural}/${target.subresource}` : resource.plural, apiGroup: resource.group || undefined, namespace: target.namespace, name: target.name });
    // Namespaced objects are addressed within a namespace; cluster-scoped ones never are.
    if ((resource.namespaced && target.name && !target.namespace) || (!resource.namespaced && target.namespace)) throw resourceNotFound();
    if (!this.api.projection.caughtUp) throw unavailable('the API server is still reading the event log; try again shortly');
    const current = target.name ? this.api.projection.state.get(resource, target.namespace, target.name)?.object : undefined;
    authorize(user, { verb: target.verb, resource, subresource: target.subresource, namespace: target.namespace, name: target.name, current });

    if (target.subresource === 'log') {
      if (!current) throw notFound(resource.plural, target.name!, resource.group);
      return proxyPodLog(this.api.projection, this.api.config.nodeSecret, current as Pod, q, res);
    }
    switch (target.verb) {
      case 'get':
      case 'list':
      case 'watch': {
        const rep = negotiate(req.headers.accept);
        const opts = parseListOptions(q);
        if (target.verb === 'watch') return this.reads.watch(req, res, target, opts, rep);
        const body = target.verb === 'get' ? await this.reads.get(target, opts, rep) : await this.reads.list(target, opts, rep);
        return sendJson(res, 200, body);
      }
      default: {
        if (this.api.readOnly) throw this.api.readOnly;
        const body = await readBody(req);
        const ctx = await withCauseVersion(req, this.writes.context(req, user, target.verb, q), this.api);
        const reply =
          target.verb === 'create' ? await this.writes.create(target, req, body, ctx, q)
          : target.verb === 'update' ? await this.writes.update(target, req, body, ctx, q)
          : target.verb === 'patch' ? await this.writes.patch(target, req, body, ctx, q)
          : target.verb === 'delete' ? await this.writes.delete(target, req, body, ctx, q)
          : await this.writes.deleteCollection(target, req, body, ctx, q);
        const headers: Record<string, string> = {};
        if (reply.warnings.length) headers.Warning = reply.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ');
        return sendJson(res, reply.code, reply.body, headers);
      }
    }
  }
}
