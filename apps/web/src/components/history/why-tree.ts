/**
 * The why page's tree, flattened for an indented rendering: each row one
 * event with its depth, whether it lies on the cause chain from the root
 * to the subject, and the scheduler's decision when the event is a
 * binding. Pure, so the order and the marks are unit-tested.
 */
import type { CauseNode, HistoryEvent, RootKind } from '@chronokube/core';

/** One node of the scheduler's choice (the chosen node first). */
export interface NodeScoreView {
  node: string;
  total: number;
  plugins: Record<string, number>;
}

/** What the scheduler recorded with a binding (event metadata `scheduler`). */
export interface SchedulerDecision {
  feasibleNodes: number;
  evaluatedNodes?: number;
  topScores: NodeScoreView[];
}

/** One visible row of the tree. */
export interface TreeRow {
  event: HistoryEvent;
  depth: number;
  /** On the path from the root to the subject. */
  onChain: boolean;
  subject: boolean;
  /** Direct children, all of them (shown or not). */
  childCount: number;
  /** Events below this one in total. */
  descendants: number;
}

/** The decision of a binding event, or undefined when it carries none (or a malformed one). */
export function schedulerDecision(event: HistoryEvent): SchedulerDecision | undefined {
  // Only the binding itself: events written in the same breath (the Scheduled Event) carry the same metadata.
  if (!event.type.endsWith('Bound')) return undefined;
  const s = (event as { scheduler?: unknown }).scheduler as Partial<SchedulerDecision> | undefined;
  if (!s || typeof s !== 'object' || typeof s.feasibleNodes !== 'number') return undefined;
  const top = Array.isArray(s.topScores) ? s.topScores.filter((t) => t && typeof t.node === 'string' && typeof t.total === 'number') : [];
  return {
    feasibleNodes: s.feasibleNodes,
    evaluatedNodes: typeof s.evaluatedNodes === 'number' ? s.evaluatedNodes : undefined,
    topScores: top.map((t) => ({ node: t.node, total: t.total, plugins: t.plugins ?? {} })),
  };
}

/** "3 feasible nodes of 4 evaluated · chose sim-1 (score 180: NodeResourcesFit 90, …) over sim-2 (170)" */
export function describeDecision(d: SchedulerDecision): string {
  const feasible = `${d.feasibleNodes} feasible node${d.feasibleNodes === 1 ? '' : 's'}${d.evaluatedNodes !== undefined ? ` of ${d.evaluatedNodes} evaluated` : ''}`;
  if (d.topScores.length === 0) return feasible;
  const [chosen, ...rest] = d.topScores;
  const plugins = Object.entries(chosen.plugins).map(([p, v]) => `${p} ${v}`).join(', ');
  const others = rest.map((r) => `${r.node} (${r.total})`).join(', ');
  return `${feasible} · chose ${chosen.node} (score ${chosen.total}${plugins ? `: ${plugins}` : ''})${others ? ` over ${others}` : ''}`;
}

/** Counts every node below each node (by event id). */
function countDescendants(node: CauseNode, out: Map<string, number>): number {
  let n = 0;
  for (const c of node.children) n += 1 + countDescendants(c, out);
  out.set(node.event.id, n);
  return n;
}

const byPosition = (a: CauseNode, b: CauseNode): number => {
  const d = BigInt(a.event.resourceVersion) - BigInt(b.event.resourceVersion);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/**
 * The tree depth-first, children oldest first. A node with more than
 * `maxChildren` children shows the first `maxChildren` (plus any on the
 * chain) unless its id is in `expanded`; a node in `collapsed` shows none.
 * The chain is never hidden, so the subject is always visible. `hidden`
 * says, per node, how many of its children are not shown.
 */
export function flattenTree(
  tree: CauseNode,
  chain: readonly Pick<HistoryEvent, 'id'>[],
  subjectId: string,
  opts: { collapsed?: ReadonlySet<string>; expanded?: ReadonlySet<string>; maxChildren?: number } = {},
): { rows: TreeRow[]; hidden: Map<string, number> } {
  const onChain = new Set(chain.map((e) => e.id));
  const descendants = new Map<string, number>();
  countDescendants(tree, descendants);
  const rows: TreeRow[] = [];
  const hidden = new Map<string, number>();
  const max = opts.maxChildren ?? 50;
  const walk = (node: CauseNode, depth: number): void => {
    const id = node.event.id;
    rows.push({ event: node.event, depth, onChain: onChain.has(id), subject: id === subjectId, childCount: node.children.length, descendants: descendants.get(id) ?? 0 });
    const children = [...node.children].sort(byPosition);
    const closed = opts.collapsed?.has(id) ?? false;
    const limit = closed ? 0 : opts.expanded?.has(id) || children.length <= max ? children.length : max;
    let shown = 0;
    let taken = 0;
    for (const c of children) {
      const keep = taken < limit || onChain.has(c.event.id);
      if (taken < limit) taken++;
      if (keep) {
        walk(c, depth + 1);
        shown++;
      }
    }
    if (shown < children.length) hidden.set(id, children.length - shown);
  };
  walk(tree, 0);
  return { rows, hidden };
}

/** The client of a request made by a person (kubectl/v1.32.4), not the long agent names of components. */
export function clientOf(e: Pick<HistoryEvent, 'actor' | 'userAgent'>): string | undefined {
  if (!e.userAgent || e.actor.startsWith('system:')) return undefined;
  return e.userAgent.split(' ')[0];
}

/** The root's headline: who asked for what, in words an operator reads at a glance. */
export function describeRoot(root: HistoryEvent, kind: RootKind): string {
  const target = `${root.object.kind} ${root.object.namespace ? `${root.object.namespace}/` : ''}${root.object.name}`;
  if (kind === 'request') {
    const client = root.userAgent ? ` with ${root.userAgent.split(/[\s/]/)[0]}` : '';
    return `${root.actor || 'someone'} asked to ${root.verb || 'change'} ${target}${client}`;
  }
  if (kind === 'observation') return `${root.actor || 'a component'} observed ${root.observation ?? 'the cluster'} and changed ${target}`;
  return `the chain breaks at ${root.type} of ${target} (by ${root.actor || 'unknown'}): its cause is not in the log`;
}
