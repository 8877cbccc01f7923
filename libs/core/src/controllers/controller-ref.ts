/**
 * Controller references and kube's ControllerRefManager claim rules: a
 * controller owns what carries its controller ownerReference; it adopts
 * orphans its selector matches and releases owned objects the selector no
 * longer matches. Pure: the result says what to write, callers write it.
 */
import type { KubeObject, OwnerReference } from '../api/meta';
import { clone } from './object-util';

/** The ownerReference with controller=true, if any (none when the list is not a list: the log may hold such an object). */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  const refs: unknown = obj.metadata.ownerReferences;
  return Array.isArray(refs) ? (refs as (OwnerReference | null)[]).find((r) => r?.controller === true) ?? undefined : undefined;
}

/** The controller ownerReference pointing at `owner` (blockOwnerDeletion, as kube's controllers set it). */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The outcome of claiming candidates for one controller. */
export interface Claim<T extends KubeObject> {
  /** Owned objects that match, adopted ones included (as copies carrying the new reference). */
  claimed: T[];
  /** Copies of orphans to adopt: write them (update) to take ownership. */
  adopted: T[];
  /** Copies of owned objects the selector no longer matches, without the reference: write them to let go. */
  released: T[];
}

/**
 * kube's ClaimObject over `candidates`, for the controller `owner` with
 * reference `ref`: already owned + matching is claimed at no cost; owned but
 * not matching is released (unless the owner is being deleted); an orphan
 * that matches and is not being deleted is adopted (unless the owner is
 * being deleted). Objects controlled by someone else are ignored. Pure.
 */
export function claimObjects<T extends KubeObject>(owner: KubeObject, ref: OwnerReference, candidates: readonly T[], matches: (obj: T) => boolean): Claim<T> {
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const out: Claim<T> = { claimed: [], adopted: [], released: [] };
  for (const obj of candidates) {
    if (owner.metadata.namespace && obj.metadata.namespace && obj.metadata.namespace !== owner.metadata.namespace) continue;
    const controller = controllerRefOf(obj);
    if (controller) {
      if (controller.uid !== ref.uid) continue;
      if (matches(obj)) out.claimed.push(obj);
      else if (!ownerDeleting) out.released.push(withoutOwner(obj, ref.uid));
      continue;
    }
    if (ownerDeleting || !matches(obj) || obj.metadata.deletionTimestamp) continue;
    const adopted = withOwner(obj, ref);
    out.adopted.push(adopted);
    out.claimed.push(adopted);
  }
  return out;
}

function withOwner<T extends KubeObject>(obj: T, ref: OwnerReference): T {
  const copy = clone(obj);
  copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), { ...ref }];
  return copy;
}

function withoutOwner<T extends KubeObject>(obj: T, uid: string): T {
  const copy = clone(obj);
  const rest = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  if (rest.length) copy.metadata.ownerReferences = rest;
  else delete copy.metadata.ownerReferences;
  return copy;
}
