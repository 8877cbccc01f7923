/**
 * Moving an object from client-side apply (`kubectl apply`, which keeps the
 * kubectl.kubernetes.io/last-applied-configuration annotation) to
 * server-side apply (`kubectl apply --server-side`) without conflicts, the
 * way kube-apiserver's field manager does it for the manager "kubectl":
 *
 * - conflicts on fields the last-applied configuration holds do not block
 *   the apply (the user applied those values before, with the same tool);
 * - while the annotation is there, a server-side apply by "kubectl" rewrites
 *   it to the configuration just applied, so a later client-side apply
 *   diffs against what was really applied last.
 *
 * kubectl then moves the client-side manager's remaining fields to its
 * Apply entry itself, with a JSON patch of metadata.managedFields (client-go's
 * csaupgrade), which ordinary writes honour.
 */
import type { KubeObject } from '../api/meta';
import { cloneJson, isJsonObject } from './json-value';
import { fieldPathsOf } from './field-ownership';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The only field manager whose applies upgrade client-side apply (kube's choice: others opt out by name). */
export const KUBECTL_APPLY_MANAGER = 'kubectl';

function lastAppliedText(object: KubeObject | undefined): string | undefined {
  const value = object?.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The fields (fieldsV1 path keys) of the object's last-applied
 * configuration, whose conflicts a "kubectl" server-side apply may override;
 * undefined when there is no such annotation or it is not an object.
 */
export function lastAppliedFields(kind: string, live: KubeObject | undefined): Set<string> | undefined {
  const text = lastAppliedText(live);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isJsonObject(parsed) ? fieldPathsOf(kind, parsed) : undefined;
}

/** JSON with object keys sorted, as Go encodes the map kube stores in the annotation. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isJsonObject(value)) {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `result` (the outcome of an apply of `applied`) with its last-applied
 * annotation rewritten to `applied`, when the result still carries one;
 * otherwise `result` unchanged.
 */
export function syncLastApplied(result: KubeObject, applied: KubeObject): KubeObject {
  if (lastAppliedText(result) === undefined) return result;
  const config = cloneJson(applied) as KubeObject;
  if (isJsonObject(config.metadata) && isJsonObject(config.metadata.annotations)) {
    const annotations: Record<string, string> = { ...(config.metadata.annotations as Record<string, string>) };
    delete annotations[LAST_APPLIED_ANNOTATION];
    config.metadata = { ...config.metadata, annotations };
    if (Object.keys(annotations).length === 0) delete config.metadata.annotations;
  }
  const annotations = { ...result.metadata.annotations, [LAST_APPLIED_ANNOTATION]: `${sortedJson(config)}\n` };
  return { ...result, metadata: { ...result.metadata, annotations } };
}
