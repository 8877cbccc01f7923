/** Pure history logic: points, diffs, timelines, event queries, why-chains, bundles, what-if. */
export * from './types';
export * from './points';
export * from './field-changes';
export * from './diff';
export * from './events';
export * from './timeline';
export * from './why';
export * from './bundle';
export * from './whatif';
