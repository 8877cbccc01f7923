/**
 * @chronokube/core: the pure domain (API types, events, decide/evolve,
 * ClusterState, selectors, admission, patches, OpenAPI, table printers).
 * No I/O.
 */
export * from './api/meta';
export * from './api/types';
export * from './api/resources';
export * from './api/errors';
export * from './api/pod-log-options';
export * from './api/query-flag';
export * from './api/event-object';
export * from './domain/stream-names';
export * from './domain/domain-event';
export * from './domain/evolve';
export * from './domain/cluster-state';
export * from './domain/packed-state';
export * from './domain/decide';
export * from './domain/timestamps';
export * from './domain/event-signature';
export * from './printers';
export * from './patch';
export * from './selectors';
export * from './admission';
export * from './openapi';
export * from './kube-protobuf';
export * from './scheduler';
export * from './controllers';
export * from './domain/scale';
export { isKubeletClientToken, kubeletClientToken, nodeToken, nodeUserFromToken, type NodeSecretHmac, type NodeUser } from './auth/node-tokens';
export * from './history';
