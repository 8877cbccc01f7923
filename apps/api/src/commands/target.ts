/** The object (or collection) a command addresses. */
import type { ResourceInfo } from '@chronokube/core';

export interface Target {
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}
