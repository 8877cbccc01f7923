/**
 * autoscaling/v1 Scale: the body of the scale subresources of deployments
 * and replica sets (what kubectl scale reads and writes).
 */
import { AUTOSCALING, Definitions, gvk, int32, kind, object, ref, str } from '../schema-dsl';

/** Scale, served as the scale subresource of deployments and replica sets. */
export const AUTOSCALING_DEFS: Definitions = {
  [`${AUTOSCALING}Scale`]: kind(gvk.autoscaling('Scale'), 'A scaling request for a resource.', {
    spec: ref(`${AUTOSCALING}ScaleSpec`, 'Desired behaviour of the scale.'),
    status: ref(`${AUTOSCALING}ScaleStatus`, 'Current status of the scale, populated by the system; read-only.'),
  }),
  [`${AUTOSCALING}ScaleSpec`]: object('Attributes of a scale subresource.', {
    replicas: int32('Desired number of instances of the scaled object.'),
  }),
  [`${AUTOSCALING}ScaleStatus`]: object('The current status of a scale subresource.', {
    replicas: int32('Actual number of observed instances of the scaled object.'),
    selector: str('Label query over the pods counted in replicas, in the string form of a label selector.'),
  }, { required: ['replicas'] }),
};
