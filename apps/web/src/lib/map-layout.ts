/**
 * Positions for the relationship map, by dagre (a layered graph layout):
 * arrows run left to right, so Deployments, ReplicaSets, Pods and Nodes
 * fall into columns without hand-placed coordinates.
 */
import dagre from '@dagrejs/dagre';
import type { RelationshipGraph } from './relationship-graph';

/** Box size the map draws (the layout must know it to avoid overlaps). */
export const BOX = { width: 240, height: 44 };

/** A box's top-left corner. */
export interface Position {
  x: number;
  y: number;
}

/** Top-left positions of every node of the graph, keyed by node id. */
export function layoutGraph(graph: RelationshipGraph): Map<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: 70, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: BOX.width, height: BOX.height });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, Position>();
  for (const n of graph.nodes) {
    const p = g.node(n.id);
    out.set(n.id, { x: p.x - BOX.width / 2, y: p.y - BOX.height / 2 });
  }
  return out;
}
