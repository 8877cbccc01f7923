/**
 * The Swagger 2.0 document in the protobuf form kubectl asks for
 * (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`):
 * gnostic's `openapi.v2.Document` message. kubectl decodes /openapi/v2 only
 * this way; it needs it to validate `kind: List` files client-side and for
 * `kubectl explain --output plaintext-openapiv2`.
 *
 * Encoded from the JSON document, so both forms say the same thing. Field
 * numbers follow gnostic's OpenAPIv2.proto. Free-form values (vendor
 * extensions, enum, default) travel as `Any.yaml` text; JSON is valid YAML.
 */
import { ProtoField, encodeMessage } from './protobuf-writer';
import type { Json } from './render-schema';
import { openApiV2 } from './v2';

/** The media type kubectl puts in Accept when it wants the protobuf form. */
export const OPENAPI_V2_PROTOBUF_TYPE = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

/**
 * The Content-Type to answer it with. Not the Accept value: Go's media type
 * parser rejects the '@', and kubectl then fails the request.
 */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type J = Json;
const m = encodeMessage;
const obj = (v: unknown): J => (v && typeof v === 'object' ? (v as J) : {});
const strs = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const many = (no: number, values: Uint8Array[]): ProtoField[] => values.map((v) => [no, v] as const);

/** Any { yaml = 2 } */
const anyValue = (v: unknown) => m([[2, JSON.stringify(v)]]);

/** NamedAny entries for every `x-` key of a JSON object. */
function vendorExtensions(no: number, o: J): ProtoField[] {
  return many(no, Object.entries(o).filter(([k]) => k.startsWith('x-')).map(([k, v]) => m([[1, k], [2, anyValue(v)]])));
}

function schema(s: J): Uint8Array {
  const type = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  const ap = s.additionalProperties;
  return m([
    [1, s.$ref as string | undefined],
    [2, s.format as string | undefined],
    [4, s.description as string | undefined],
    [5, s.default === undefined ? undefined : anyValue(s.default)],
    ...strs(s.required).map((r) => [19, r] as const),
    ...many(20, (Array.isArray(s.enum) ? s.enum : []).map(anyValue)),
    [21, ap === undefined ? undefined : typeof ap === 'boolean' ? m([[2, ap]]) : m([[1, schema(obj(ap))]])],
    [22, type.length ? m(type.map((t) => [1, t] as const)) : undefined],
    [23, s.items === undefined ? undefined : m([[1, schema(obj(s.items))]])],
    ...many(24, (Array.isArray(s.allOf) ? s.allOf : []).map((x) => schema(obj(x)))),
    [25, s.properties === undefined ? undefined
      : m(many(1, Object.entries(obj(s.properties)).map(([k, v]) => m([[1, k], [2, schema(obj(v))]]))))],
    ...vendorExtensions(31, s),
  ]);
}

/** ParametersItem { parameter = 1 } wrapping a body, query or path parameter. */
function parameter(p: J): Uint8Array {
  let param: Uint8Array;
  if (p.in === 'body') {
    param = m([[1, m([[1, p.description as string], [2, p.name as string], [3, 'body'], [4, p.required === true],
      [5, schema(obj(p.schema))]])]]);
  } else {
    const isPath = p.in === 'path';
    // QueryParameterSubSchema and PathParameterSubSchema number type/uniqueItems differently.
    const sub = m([[1, p.required === true], [2, p.in as string], [3, p.description as string], [4, p.name as string],
      [isPath ? 5 : 6, p.type as string], [isPath ? 19 : 20, p.uniqueItems === true]]);
    param = m([[2, m([[isPath ? 4 : 3, sub]])]]);
  }
  return m([[1, param]]);
}

function operation(op: J): Uint8Array {
  const responses = Object.entries(obj(op.responses)).map(([code, r]) => {
    const rr = obj(r);
    const response = m([[1, rr.description as string], [2, rr.schema ? m([[1, schema(obj(rr.schema))]]) : undefined]]);
    return m([[1, code], [2, m([[1, response]])]]);
  });
  return m([
    ...strs(op.tags).map((t) => [1, t] as const),
    [3, op.description as string | undefined],
    [5, op.operationId as string | undefined],
    ...strs(op.produces).map((t) => [6, t] as const),
    ...strs(op.consumes).map((t) => [7, t] as const),
    ...many(8, (Array.isArray(op.parameters) ? op.parameters : []).map((p) => parameter(obj(p)))),
    [9, m(many(1, responses))],
    ...strs(op.schemes).map((t) => [10, t] as const),
    ...vendorExtensions(13, op),
  ]);
}

const METHOD_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

function pathItem(item: J): Uint8Array {
  return m([
    ...Object.entries(METHOD_FIELDS).filter(([method]) => item[method]).map(([method, no]) => [no, operation(obj(item[method]))] as const),
    ...many(9, (Array.isArray(item.parameters) ? item.parameters : []).map((p) => parameter(obj(p)))),
  ]);
}

function securityDefinitions(defs: J): Uint8Array {
  return m(many(1, Object.entries(defs).map(([name, d]) => {
    const dd = obj(d);
    const apiKey = m([[1, dd.type as string], [2, dd.name as string], [3, dd.in as string], [4, dd.description as string]]);
    return m([[1, name], [2, m([[2, apiKey]])]]);
  })));
}

/** Encodes a Swagger 2.0 JSON document (as openApiV2 builds it) as a gnostic Document. Pure. */
export function encodeOpenApiV2(doc: J): Uint8Array {
  const info = obj(doc.info);
  return m([
    [1, doc.swagger as string],
    [2, m([[1, info.title as string], [2, info.version as string]])],
    [8, m(many(2, Object.entries(obj(doc.paths)).map(([path, item]) => m([[1, path], [2, pathItem(obj(item))]]))))],
    [9, m(many(1, Object.entries(obj(doc.definitions)).map(([name, s]) => m([[1, name], [2, schema(obj(s))]]))))],
    ...many(12, (Array.isArray(doc.security) ? doc.security : []).map((req) => m(many(1,
      Object.entries(obj(req)).map(([name, scopes]) => m([[1, name], [2, m(strs(scopes).map((s) => [1, s] as const))]])))))),
    [13, doc.securityDefinitions ? securityDefinitions(obj(doc.securityDefinitions)) : undefined],
  ]);
}

let cached: Uint8Array | undefined;

/** The protobuf form of openApiV2(), encoded once. Shared: do not modify the bytes. */
export function openApiV2Protobuf(): Uint8Array {
  cached ??= encodeOpenApiV2(openApiV2());
  return cached;
}
