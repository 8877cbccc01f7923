/**
 * Admission: names and formats, defaulting, registry Prepare steps,
 * validation with kube-apiserver's messages, generation, and the cluster IP
 * and node port allocators. Pure functions; no I/O.
 *
 * The pipeline for a write, in kube-apiserver's order:
 *   create: applyDefaults -> prepareForCreate -> (allocateServiceResources) -> validateCreate
 *   update: applyDefaults -> prepareForUpdate -> (allocateServiceResources) -> validateUpdate
 *   status: prepareForStatusUpdate -> validateStatusUpdate
 */
export * from './kinds';
export * from './options';
export * from './names';
export * from './formats';
export * from './cidr';
export * from './field-path';
export * from './field-errors';
export * from './go-format';
export * from './labels';
export * from './object-meta';
export * from './quantity';
export * from './qos';
export * from './defaults';
export * from './defaults-pod';
export * from './validate';
export * from './validate-pod';
export * from './validate-pod-spec';
export * from './validate-containers';
export * from './validate-service';
export * from './validate-workloads';
export * from './validate-config';
export * from './validate-cluster';
export * from './validate-endpoints';
export * from './validate-event-lease';
export * from './validate-status';
export * from './service-prepare';
export * from './service-allocation';
export * from './allocators';
export * from './generation';
export * from './generate-name';
export * from './strategy';
export * from './type-admission';
