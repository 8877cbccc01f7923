/**
 * OpenAPI for chronokube: the Swagger 2.0 document (/openapi/v2, JSON and
 * the protobuf form kubectl asks for), the OpenAPI 3.0 documents and their
 * root (/openapi/v3), and the unknown-field check behind fieldValidation.
 *
 * Names here are exported through @chronokube/core, so they carry an
 * OpenApi prefix where a plain name (Schema, DEFINITIONS) could collide.
 */
export { openApiV2, OPENAPI_INFO } from './v2';
export {
  openApiV2Protobuf, encodeOpenApiV2, OPENAPI_V2_PROTOBUF_TYPE, OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
} from './v2-proto';
export {
  openApiV3Root, openApiV3For, openApiV3Hash, openApiV3Documents, v3RootFor, documentHash as openApiDocumentHash, type Sha512Hex,
} from './v3';
export {
  unknownFields, unknownFieldsIn, unknownFieldMessage, strictDecodingMessage,
} from './unknown-fields';
export { typeMismatch, typeMismatchIn, jsonTypeName, type TypeMismatch } from './type-check';
export { DEFINITIONS as OPENAPI_DEFINITIONS, definitionNameOfKind, gvkOfKind } from './definitions';
export { PATCH_CONTENT_TYPES } from './paths';
export type { Schema as OpenApiSchema, Definitions as OpenApiDefinitions, Gvk as OpenApiGvk } from './schema-dsl';
