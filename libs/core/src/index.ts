/**
 * @chronokube/core: the pure domain (API types, events, decide/evolve,
 * ClusterState, selectors, admission, table printers). No I/O.
 */
export * from './api/meta';
export * from './api/types';
export * from './api/resources';
export * from './api/errors';
