/**
 * Every definition chronokube publishes, as written, before list semantics
 * from the patch metadata are layered on (see ../definitions.ts).
 */
import type { Definitions } from '../schema-dsl';
import { AFFINITY_DEFS } from './affinity';
import { APPS_DEFS } from './apps';
import { AUTOSCALING_DEFS } from './autoscaling';
import { CONFIGMAP_DEFS } from './configmap';
import { CONTAINER_DEFS } from './container';
import { COORDINATION_DEFS } from './coordination';
import { DISCOVERY_DEFS } from './discovery';
import { ENDPOINTS_DEFS } from './endpoints';
import { EVENT_DEFS } from './event';
import { META_DEFS } from './meta';
import { NAMESPACE_DEFS } from './namespace';
import { NODE_DEFS } from './node';
import { POD_DEFS } from './pod';
import { POD_STATUS_DEFS } from './pod-status';
import { PROBE_DEFS } from './probe';
import { SERVICE_DEFS } from './service';
import { VOLUME_DEFS } from './volume';

const PARTS: Definitions[] = [
  META_DEFS, DISCOVERY_DEFS, POD_DEFS, CONTAINER_DEFS, PROBE_DEFS, VOLUME_DEFS, AFFINITY_DEFS, POD_STATUS_DEFS,
  NODE_DEFS, NAMESPACE_DEFS, SERVICE_DEFS, ENDPOINTS_DEFS, CONFIGMAP_DEFS, EVENT_DEFS, APPS_DEFS, COORDINATION_DEFS,
  AUTOSCALING_DEFS,
];

/**
 * All definitions merged. Throws when two files define the same name, since
 * one would silently shadow the other.
 */
export function rawDefinitions(): Definitions {
  const all: Definitions = {};
  for (const part of PARTS) {
    for (const [name, schema] of Object.entries(part)) {
      if (all[name]) throw new Error(`openapi: definition ${name} is defined twice`);
      all[name] = schema;
    }
  }
  return all;
}
