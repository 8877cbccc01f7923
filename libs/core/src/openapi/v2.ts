/**
 * The Swagger 2.0 document served at /openapi/v2: every definition and every
 * resource path, with kube's `x-kubernetes-*` extensions on operations.
 */
import { DEFINITIONS } from './definitions';
import { ParamSpec } from './params';
import { OperationSpec, PathSpec, apiPaths } from './paths';
import { Json, toV2Schema } from './render-schema';
import { deepFreeze } from './freeze';

/** The API version the documents claim; chronokube speaks the v1.32 API. */
export const OPENAPI_INFO = { title: 'Kubernetes', version: 'v1.32.0' } as const;

const SECURITY = {
  securityDefinitions: {
    BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' },
  },
  security: [{ BearerToken: [] as string[] }],
};

function param(p: ParamSpec): Json {
  return { name: p.name, in: p.in, type: p.type, uniqueItems: true, description: p.description,
    ...(p.required ? { required: true } : {}) };
}

function operation(op: OperationSpec): Json {
  const parameters = [
    ...(op.body ? [{ name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${op.body.def}` } }] : []),
    ...op.query.map(param),
  ];
  return {
    description: op.description,
    consumes: op.body?.consumes ?? ['*/*'],
    produces: op.produces,
    schemes: ['https'],
    tags: [op.tag],
    operationId: op.operationId,
    ...(parameters.length ? { parameters } : {}),
    responses: Object.fromEntries(op.responses.map((r) => [r.code, {
      description: r.description,
      ...(r.def ? { schema: { $ref: `#/definitions/${r.def}` } } : r.text ? { schema: { type: 'string' } } : {}),
    }])),
    ...(op.action ? { 'x-kubernetes-action': op.action } : {}),
    ...(op.gvk ? { 'x-kubernetes-group-version-kind': { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version } } : {}),
  };
}

/** The v2 path item of one path. */
function pathItem(p: PathSpec): Json {
  return {
    ...Object.fromEntries(p.operations.map((op) => [op.method, operation(op)])),
    ...(p.params.length ? { parameters: p.params.map(param) } : {}),
  };
}

let cached: Json | undefined;

/**
 * The Swagger 2.0 document, JSON form (kubectl itself asks for the protobuf
 * form, see v2-proto.ts). Built once and frozen: callers share it.
 */
export function openApiV2(): Json {
  cached ??= deepFreeze({
    swagger: '2.0',
    info: { ...OPENAPI_INFO },
    paths: Object.fromEntries(apiPaths().map((p) => [p.path, pathItem(p)])),
    definitions: Object.fromEntries(Object.entries(DEFINITIONS).map(([name, s]) => [name, toV2Schema(s)])),
    ...SECURITY,
  });
  return cached;
}
