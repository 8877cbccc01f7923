/** Small object and event builders for the web app's unit tests. */
import type { KubeObject } from '@chronokube/core';
import type { LiveEvent } from './live-messages';

/** An object of `kind` with metadata and optional extra fields. */
export function obj(kind: string, namespace: string | undefined, name: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { kind, apiVersion: 'v1', metadata: { name, ...(namespace ? { namespace } : {}), ...meta }, ...extra };
}

/** A LiveEvent at `rv` carrying `state` (null = deleted). */
export function ev(rv: number, kind: string, namespace: string | undefined, name: string, state: KubeObject | null): LiveEvent {
  return {
    id: `e${rv}`, resourceVersion: String(rv), time: '2026-12-05T10:00:00.000Z', type: state ? `${kind}Updated` : `${kind}Deleted`,
    actor: 'admin', verb: state ? 'update' : 'delete', object: { kind, namespace, name }, state,
  };
}
