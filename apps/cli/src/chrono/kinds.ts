import { CliError } from '../errors';
import type { ResourceRef } from './discovery';
import type { Session } from './verb';

/**
 * The served resource `text` names; kubectl's error (exit 1) when the
 * server has none, for verbs that must build a standard API URL.
 */
export async function discoverOrFail(session: Session, text: string): Promise<ResourceRef> {
  const found = await session.resource(text);
  if (!found) throw new CliError(`the server doesn't have a resource type "${text}"`);
  return found;
}

/**
 * The Kind name the history API is asked about. History outlives
 * discovery (a deleted CRD's objects still have history), so a kind the
 * server no longer serves is passed through as typed and the server judges.
 */
export async function historyKind(session: Session, text: string): Promise<{ kind: string; namespaced: boolean }> {
  const found = await session.resource(text);
  return found ? { kind: found.kind, namespaced: found.namespaced } : { kind: text, namespaced: true };
}
