/**
 * The query and path parameters of the resource operations, with the sets
 * each kind of operation accepts. kubectl decides whether to send
 * `fieldValidation` (and so whether to skip client-side validation) by
 * finding it among the parameters of a resource's PATCH operation.
 */

export type ParamType = 'string' | 'boolean' | 'integer';

/** A parameter of an operation or path. */
export interface ParamSpec {
  name: string;
  in: 'query' | 'path';
  type: ParamType;
  description: string;
  required?: boolean;
}

const q = (name: string, type: ParamType, description: string): ParamSpec => ({ name, in: 'query', type, description });

/** Every query parameter, by name. */
export const QUERY_PARAMS: Record<string, ParamSpec> = Object.fromEntries([
  q('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events in a watch; servers may ignore it and clients must not assume when they arrive.'),
  q('continue', 'string', 'Token from a previous paginated list, to fetch the next chunk; may fail with 410 if the snapshot has expired.'),
  q('dryRun', 'string', 'When present, changes are not persisted; the only valid value is All.'),
  q('fieldManager', 'string', 'Name of the actor making the change, recorded in managedFields; required for apply patches.'),
  q('fieldSelector', 'string', 'Restricts the returned objects by their fields; defaults to everything.'),
  q('fieldValidation', 'string',
    'How to treat unknown or duplicate fields in the request: Ignore drops them, Warn drops them with a warning per field, Strict fails the request.'),
  q('force', 'boolean', 'Apply patches only: take ownership of fields other managers own, instead of failing with a conflict.'),
  q('gracePeriodSeconds', 'integer', 'Seconds before the object is deleted; zero deletes immediately, unset uses the kind default.'),
  q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean', 'Delete objects that cannot be read from storage, bypassing finalizers; dangerous.'),
  q('labelSelector', 'string', 'Restricts the returned objects by their labels; defaults to everything.'),
  q('limit', 'integer', 'Maximum number of items in a list response; the rest is fetched with continue.'),
  q('orphanDependents', 'boolean', 'Deprecated, use propagationPolicy: whether dependents are orphaned rather than garbage collected.'),
  q('pretty', 'string', "If 'true', the output is indented."),
  q('propagationPolicy', 'string', 'Whether and how garbage collection runs: Orphan, Background or Foreground.'),
  q('resourceVersion', 'string', 'Constrains which resource versions the request may be served from; see resourceVersionMatch.'),
  q('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: NotOlderThan or Exact (the list exactly as of that version).'),
  q('sendInitialEvents', 'boolean', 'With watch=true, start the stream with synthetic ADDED events for the current state, ended by a bookmark.'),
  q('timeoutSeconds', 'integer', 'Timeout for a list or watch call, regardless of activity.'),
  q('watch', 'boolean', 'Stream add, update and delete notifications for the described resources instead of listing them.'),
  q('container', 'string', 'The container whose logs to stream; defaults to the only container of the pod.'),
  q('follow', 'boolean', 'Keep streaming the log as it grows.'),
  q('insecureSkipTLSVerifyBackend', 'boolean', "Skip verifying the kubelet's serving certificate when fetching logs."),
  q('limitBytes', 'integer', 'Maximum bytes of log to return.'),
  q('previous', 'boolean', 'Return the log of the previous, terminated container instance.'),
  q('sinceSeconds', 'integer', 'Only return log lines newer than this many seconds.'),
  q('tailLines', 'integer', 'Number of lines from the end of the log to return.'),
  q('timestamps', 'boolean', 'Prefix every log line with an RFC 3339 timestamp.'),
].map((p) => [p.name, p]));

const LIST = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion',
  'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];
const DELETE = ['dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents',
  'propagationPolicy'];

/** The query parameters of each kind of operation. */
export const QUERY_FOR = {
  list: LIST,
  watch: LIST,
  create: ['dryRun', 'fieldManager', 'fieldValidation'],
  replace: ['dryRun', 'fieldManager', 'fieldValidation'],
  patch: ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
  delete: DELETE,
  deletecollection: [...new Set([...LIST.filter((n) => n !== 'allowWatchBookmarks' && n !== 'watch'), ...DELETE])].sort(),
  read: [] as string[],
  log: ['container', 'follow', 'insecureSkipTLSVerifyBackend', 'limitBytes', 'previous', 'sinceSeconds', 'tailLines', 'timestamps'],
} as const;

/** The `{name}` path parameter of a kind. */
export function nameParam(kind: string): ParamSpec {
  return { name: 'name', in: 'path', type: 'string', required: true, description: `name of the ${kind}` };
}

/** The `{namespace}` path parameter. */
export const NAMESPACE_PARAM: ParamSpec = {
  name: 'namespace', in: 'path', type: 'string', required: true, description: 'object name and auth scope, such as for teams and projects',
};
