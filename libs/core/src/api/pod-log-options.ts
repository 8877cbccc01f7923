/**
 * pods/log, as kube-apiserver handles it before reaching the kubelet (pure):
 * PodLogOptions from the query with kube's validation, which container is
 * meant (kube's LogLocation rules and messages), and the query the kubelet's
 * /containerLogs endpoint gets.
 */
import type { Pod } from './types';
import { badRequest, fieldError, invalid, type FieldError } from './errors';
import { queryFlag } from './query-flag';

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  limitBytes?: number;
}

function integer(q: URLSearchParams, name: string, errors: FieldError[]): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) {
    errors.push(fieldError.invalid(name, raw, 'must be an integer'));
    return undefined;
  }
  return Number(raw);
}

/** The options of a pods/log request; 422 Invalid as kube's ValidatePodLogOptions words it. */
export function parsePodLogOptions(q: URLSearchParams, podName: string): PodLogOptions {
  const errors: FieldError[] = [];
  const o: PodLogOptions = {
    container: q.get('container') || undefined,
    follow: queryFlag(q, 'follow'),
    previous: queryFlag(q, 'previous'),
    timestamps: queryFlag(q, 'timestamps'),
    tailLines: integer(q, 'tailLines', errors),
    sinceSeconds: integer(q, 'sinceSeconds', errors),
    sinceTime: q.get('sinceTime') || undefined,
    limitBytes: integer(q, 'limitBytes', errors),
  };
  if (o.tailLines !== undefined && o.tailLines < 0) errors.push(fieldError.invalid('tailLines', o.tailLines, 'must be greater than or equal to 0'));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errors.push(fieldError.invalid('limitBytes', o.limitBytes, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) errors.push(fieldError.invalid('sinceSeconds', o.sinceSeconds, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) errors.push(fieldError.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  if (o.sinceTime !== undefined && Number.isNaN(Date.parse(o.sinceTime))) errors.push(fieldError.invalid('sinceTime', o.sinceTime, 'must be an RFC 3339 time'));
  if (errors.length) throw invalid('PodLogOptions', podName, errors);
  return o;
}

/** The container a log request means: the one named (it must exist), or the pod's only one (kube's LogLocation). */
export function logContainer(pod: Pod, requested: string | undefined): string {
  const name = pod.metadata.name ?? '';
  const containers = pod.spec.containers ?? [];
  const inits = pod.spec.initContainers ?? [];
  if (requested) {
    if (![...containers, ...inits].some((c) => c.name === requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (containers.length === 1) return containers[0].name;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  let message = `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`;
  if (inits.length > 0) message += ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]`;
  throw badRequest(message);
}

/** The kubelet's /containerLogs query for these options (kube's LogLocation parameters). */
export function kubeletLogQuery(o: PodLogOptions): string {
  const p = new URLSearchParams();
  if (o.follow) p.set('follow', 'true');
  if (o.previous) p.set('previous', 'true');
  if (o.timestamps) p.set('timestamps', 'true');
  if (o.sinceSeconds !== undefined) p.set('sinceSeconds', String(o.sinceSeconds));
  if (o.sinceTime !== undefined) p.set('sinceTime', o.sinceTime);
  if (o.tailLines !== undefined) p.set('tailLines', String(o.tailLines));
  if (o.limitBytes !== undefined) p.set('limitBytes', String(o.limitBytes));
  return p.toString();
}
