/**
 * Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`,
 * which kubectl's typed clients send for `kubectl create configmap`,
 * `namespace`, `deployment`, `service ...`) decoded into the JSON object the
 * rest of chronokube works with. Pure functions; no I/O.
 */
export { decodeKubeProtobuf, type DecodedKubeObject } from './decode';
export { kubeProtobufKinds } from './schema';
export { KubeProtobufError, type KubeProtobufErrorReason } from './errors';
export { KUBE_PROTOBUF_CONTENT_TYPE, KUBE_PROTOBUF_MAGIC, hasKubeProtobufMagic } from './envelope';
