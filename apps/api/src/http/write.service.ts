/**
 * Turns write requests into commands: decodes and checks the body, builds
 * the RequestContext, sends the command on the bus and shapes the reply.
 * Nothing here decides anything; the handlers and libs/core do.
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { admitBodyTypes, apiVersionOf, badRequest, strictDecodingMessage, unknownFieldMessage, unknownFields, type KubeObject, type PropagationPolicy } from '@chronokube/core';
import { queryFlag, scaleOf } from '@chronokube/core';
import type { UserInfo } from '../auth/token-file';
import { BindPodCommand } from '../commands/bind-pod.command';
import { CreateObjectCommand } from '../commands/create-object.command';
import { DeleteCollectionCommand } from '../commands/delete-collection.command';
import { DeleteObjectCommand, type DeleteOptions } from '../commands/delete-object.command';
import type { WriteOutcome } from '../commands/object-writer';
import { PatchObjectCommand } from '../commands/patch-object.command';
import { sourceIpOf, sourceIpsOf, type RequestContext } from '../commands/request-context';
import { UpdateObjectCommand } from '../commands/update-object.command';
import { decodeDeleteOptionsBody, decodeObjectBody, decodePatchBody } from './body';
import type { RequestTarget } from './request-info';
import { successStatus } from './respond';

type ResourceTarget = Extract<RequestTarget, { type: 'resource' }>;

export interface WriteReply {
  code: number;
  body: unknown;
  warnings: string[];
}

const POLICIES = ['Background', 'Foreground', 'Orphan'];

export class WriteService {
  constructor(private readonly commands: CommandBus) {}

  context(req: IncomingMessage, user: UserInfo, verb: string, q: URLSearchParams): RequestContext {
    const dryRun = q.getAll('dryRun');
    if (dryRun.some((d) => d !== 'All')) throw badRequest(`dryRun: Unsupported value: "${dryRun.find((d) => d !== 'All')}": supported values: "All"`);
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const requestId = randomUUID();
    return {
      user,
      verb,
      userAgent: header('user-agent'),
      sourceIP: sourceIpOf(req),
      sourceIPs: sourceIpsOf(req),
      requestURI: (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url,
      correlationId: header('x-chronokube-correlation-id') ?? requestId,
      causationId: header('x-chronokube-causation-id') ?? requestId,
      reason: header('x-chronokube-reason'),
      dryRun: dryRun.length > 0,
      fieldManager: q.get('fieldManager') ?? undefined,
      now: new Date(),
    };
  }

  /** Checks unknown fields per fieldValidation (Strict: 400; Warn, the default: warnings). */
  private fieldValidation(resource: ResourceTarget['resource'], object: unknown, q: URLSearchParams): string[] {
    const kind = resource.kind;
    const mode = q.get('fieldValidation') ?? 'Warn';
    if (!['Strict', 'Warn', 'Ignore'].includes(mode)) throw badRequest(`fieldValidation: Unsupported value: "${mode}": supported values: "Ignore", "Warn", "Strict"`);
    if (mode === 'Ignore') return [];
    const unknown = unknownFields(kind, object);
    if (unknown.length === 0) return [];
    if (mode === 'Strict') {
      const version = apiVersionOf(resource);
      throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${strictDecodingMessage(unknown)}`);
    }
    return unknown.map(unknownFieldMessage);
  }

  private objectBody(t: ResourceTarget, req: IncomingMessage, body: Buffer): KubeObject {
    const object = decodeObjectBody(req.headers['content-type'], body);
    const expectedVersion = t.subresource === 'scale' ? 'autoscaling/v1' : apiVersionOf(t.resource);
    const expectedKind = t.subresource === 'scale' ? 'Scale' : t.resource.kind;
    if (object.apiVersion !== undefined && object.apiVersion !== expectedVersion) {
      throw badRequest(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expectedVersion})`);
    }
    if (object.kind !== undefined && object.kind !== expectedKind) {
      throw badRequest(`${String(object.kind)} in version "${String(object.apiVersion ?? expectedVersion)}" cannot be handled as a ${expectedKind}: the kind does not match the endpoint`);
    }
    // Types first, as kube's decoding fails before its strict unknown-field check (and in Go's words).
    admitBodyTypes({ apiVersion: expectedVersion, kind: expectedKind }, object);
    if (object.metadata !== undefined && (typeof object.metadata !== 'object' || object.metadata === null || Array.isArray(object.metadata))) {
      throw badRequest(`${expectedKind} in version "${expectedVersion}" cannot be handled as a ${expectedKind}: metadata must be an object`);
    }
    const metadata = { ...((object.metadata as object | undefined) ?? {}) } as KubeObject['metadata'];
    if (t.resource.namespaced && metadata.namespace && t.namespace && metadata.namespace !== t.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (t.name && metadata.name && metadata.name !== t.name) {
      throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${t.name})`);
    }
    return { ...object, apiVersion: expectedVersion, kind: expectedKind, metadata };
  }

  async create(t: ResourceTarget, req: IncomingMessage, body: Buffer, ctx: RequestContext, q: URLSearchParams): Promise<WriteReply> {
    if (t.subresource === 'binding') {
      const binding = decodeObjectBody(req.headers['content-type'], body) as { target?: { name?: string; kind?: string }; metadata?: { uid?: string; resourceVersion?: string } };
      const nodeName = binding.target?.name;
      if (!nodeName) throw badRequest('target.name: Required value: the node to bind to');
      await this.commands.execute(new BindPodCommand(t.namespace ?? '', t.name!, nodeName, ctx, { uid: binding.metadata?.uid }));
      return { code: 201, body: successStatus(201), warnings: [] };
    }
    const object = this.objectBody(t, req, body);
    const warnings = this.fieldValidation(t.resource, object, q);
    const out: WriteOutcome = await this.commands.execute(new CreateObjectCommand({ resource: t.resource, namespace: t.namespace }, object, ctx));
    return { code: 201, body: out.object, warnings };
  }

  async update(t: ResourceTarget, req: IncomingMessage, body: Buffer, ctx: RequestContext, q: URLSearchParams): Promise<WriteReply> {
    const object = this.objectBody(t, req, body);
    const warnings = t.subresource === 'scale' ? [] : this.fieldValidation(t.resource, object, q);
    const out: WriteOutcome = await this.commands.execute(new UpdateObjectCommand({ ...t, name: t.name! }, object, ctx));
    return { code: 200, body: this.view(t, out.object), warnings };
  }

  async patch(t: ResourceTarget, req: IncomingMessage, body: Buffer, ctx: RequestContext, q: URLSearchParams): Promise<WriteReply> {
    const { type, patch } = decodePatchBody(req.headers['content-type'], body);
    if (type === 'apply' && !ctx.fieldManager) {
      throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    }
    const force = queryFlag(q, 'force');
    if (force && type !== 'apply') throw badRequest('force: Forbidden: may not be specified for non-apply patch');
    let warnings: string[] = [];
    if (type === 'apply' && !t.subresource) warnings = this.fieldValidation(t.resource, patch, q);
    const check = (object: KubeObject): void => {
      if (!t.subresource) warnings = this.fieldValidation(t.resource, object, q);
    };
    const out: WriteOutcome = await this.commands.execute(new PatchObjectCommand({ ...t, name: t.name! }, type, patch, ctx, force, check));
    return { code: out.before ? 200 : 201, body: this.view(t, out.object), warnings };
  }

  /** What a write on a subresource answers with: the Scale view for scale, else the object. */
  private view(t: ResourceTarget, object: KubeObject | undefined): unknown {
    return t.subresource === 'scale' && object ? scaleOf(object) : object;
  }

  private deleteOptions(req: IncomingMessage, body: Buffer, q: URLSearchParams): DeleteOptions {
    const opts: DeleteOptions = {};
    const parsed = decodeDeleteOptionsBody(req.headers['content-type'], body);
    if (parsed) {
      if (typeof parsed.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = parsed.gracePeriodSeconds;
      if (typeof parsed.propagationPolicy === 'string') opts.propagationPolicy = parsed.propagationPolicy as PropagationPolicy;
      if (parsed.orphanDependents === true) opts.propagationPolicy = 'Orphan';
      if (parsed.preconditions && typeof parsed.preconditions === 'object') opts.preconditions = parsed.preconditions as DeleteOptions['preconditions'];
    }
    const grace = q.get('gracePeriodSeconds');
    if (grace !== null) {
      if (!/^-?\d+$/.test(grace)) throw badRequest(`gracePeriodSeconds: Invalid value: "${grace}"`);
      opts.gracePeriodSeconds = Number(grace);
    }
    const policy = q.get('propagationPolicy');
    if (policy) opts.propagationPolicy = policy as PropagationPolicy;
    if (queryFlag(q, 'orphanDependents')) opts.propagationPolicy = 'Orphan';
    if (opts.propagationPolicy && !POLICIES.includes(opts.propagationPolicy)) {
      throw badRequest(`propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Background", "Foreground", "Orphan"`);
    }
    if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0) opts.gracePeriodSeconds = 0;
    return opts;
  }

  async delete(t: ResourceTarget, req: IncomingMessage, body: Buffer, ctx: RequestContext, q: URLSearchParams): Promise<WriteReply> {
    const options = this.deleteOptions(req, body, q);
    const out: WriteOutcome = await this.commands.execute(new DeleteObjectCommand({ ...t, name: t.name! }, options, ctx));
    if (out.object) return { code: 200, body: out.object, warnings: [] };
    const m = out.before?.metadata ?? {};
    return { code: 200, body: successStatus(200, { name: m.name, group: t.resource.group || undefined, kind: t.resource.plural, uid: m.uid }), warnings: [] };
  }

  async deleteCollection(t: ResourceTarget, req: IncomingMessage, body: Buffer, ctx: RequestContext, q: URLSearchParams): Promise<WriteReply> {
    const options = this.deleteOptions(req, body, q);
    const selectors = { labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined };
    const items: KubeObject[] = await this.commands.execute(new DeleteCollectionCommand({ resource: t.resource, namespace: t.namespace }, selectors, options, ctx));
    return { code: 200, body: { apiVersion: apiVersionOf(t.resource), kind: `${t.resource.kind}List`, metadata: {}, items }, warnings: [] };
  }
}
