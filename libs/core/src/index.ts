/**
 * @chronokube/core: the pure domain (API types, events, decide/evolve,
 * ClusterState, scheduler and controllers). It arrives with the API server
 * issue; until then it only exports its version.
 */
export const CORE_VERSION = '0.1.0';
