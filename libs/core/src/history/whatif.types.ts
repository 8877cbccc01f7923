/** The what-if shapes of the history API (docs/history-api.md). */
import type { KubeObject } from '../api/meta';
import type { SchedulerProfile } from '../scheduler/profile';
import type { ObjectRef, PointRef } from './types';

/** `POST /whatif` body once its point is resolved. */
export interface WhatIfRequest {
  profile?: SchedulerProfile;
  addNodes?: KubeObject[];
  removeNodes?: string[];
}

/** Where one pod is and where the alternative scheduler would put it. */
export interface Placement {
  pod: ObjectRef;
  /** The node at the point (absent when pending). */
  actual?: string;
  proposed?: string;
  changed: boolean;
  /** Why unschedulable under the alternative. */
  reason?: string;
  /** Per-plugin scores of the proposed node. */
  scores?: Record<string, number>;
}

/** `POST /whatif` answer. */
export interface WhatIfResult {
  kind: 'WhatIf';
  at: PointRef;
  placements: Placement[];
  changed: number;
}
