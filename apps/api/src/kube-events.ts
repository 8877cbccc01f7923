/**
 * Recording core/v1 Events (what `kubectl describe` and `kubectl get
 * events` show) through the command bus, as components do in Kubernetes.
 */
import { randomBytes } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { RESOURCES, rfc3339, type KubeObject } from '@chronokube/core';
import { CreateObjectCommand } from './commands/create-object.command';
import type { RequestContext } from './commands/request-context';

const EVENTS = RESOURCES.find((r) => r.kind === 'Event')!;

export interface EventRecord {
  regarding: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
}

/** Creates one Event about `regarding`; failures are the caller's to ignore (events are best effort). */
export async function recordEvent(commands: CommandBus, e: EventRecord, ctx: RequestContext): Promise<void> {
  const m = e.regarding.metadata;
  const now = rfc3339(ctx.now);
  // kube names events <object>.<hex timestamp>; random bits keep two in one instant apart.
  const name = `${m.name}.${Date.now().toString(16)}${randomBytes(2).toString('hex')}`;
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: m.namespace ?? 'default' },
    involvedObject: { kind: e.regarding.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: e.regarding.apiVersion, resourceVersion: m.resourceVersion },
    reason: e.reason,
    message: e.message,
    type: e.type,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    reportingComponent: e.component,
    reportingInstance: e.component,
  };
  await commands.execute(new CreateObjectCommand({ resource: EVENTS, namespace: m.namespace ?? 'default' }, event, { ...ctx, verb: 'create' }));
}
