'use client';
/**
 * Draws a relationship graph with React Flow (pan, zoom, fit) at the
 * positions dagre computed; a box links to its object page.
 */
import { Background, Controls, Handle, MiniMap, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useRouter } from 'next/navigation';
import { memo, useMemo } from 'react';
import type { GraphNode, RelationshipGraph } from '../lib/relationship-graph';
import { BOX, layoutGraph } from '../lib/map-layout';
import { parseKey } from '../lib/object-key';
import { objectHref } from '../lib/links';
import { useTheme } from './use-theme';

// A mapped copy: React Flow wants node data assignable to Record<string, unknown>, which an interface is not.
type BoxData = { [K in keyof GraphNode]: GraphNode[K] } & { current: boolean };

const Box = memo(function Box({ data }: NodeProps<Node<BoxData>>) {
  return (
    <div className={`map-node ${data.tone}${data.current ? ' current' : ''}`} data-testid="map-node" data-key={data.id} title={`${data.kind} ${data.namespace ? data.namespace + '/' : ''}${data.name} — ${data.detail}`}>
      <Handle type="target" position={Position.Left} style={{ opacity: 0 }} />
      <div className="k"><span>{data.kind}</span><span>{data.detail}</span></div>
      <div className="n">{data.name}</div>
      <Handle type="source" position={Position.Right} style={{ opacity: 0 }} />
    </div>
  );
});

const nodeTypes = { box: Box };

// The minimap draws SVG fills, which take colours, not CSS variables.
const TONE_COLOR: Record<string, string> = { ok: '#22a35a', warn: '#d39a1c', bad: '#dc4a4a', idle: '#8391a3' };

const EDGE_STYLE: Record<string, React.CSSProperties> = {
  owns: { stroke: 'var(--muted)' },
  'runs-on': { stroke: 'var(--accent)', strokeDasharray: '4 3' },
  exposes: { stroke: 'var(--ok)' },
  targets: { stroke: 'var(--ok)' },
  selects: { stroke: 'var(--warn)', strokeDasharray: '2 3' },
};

export function GraphView({ graph, current, testId }: { graph: RelationshipGraph; current?: string; testId: string }) {
  const router = useRouter();
  const theme = useTheme();
  const { nodes, edges } = useMemo(() => {
    const pos = layoutGraph(graph);
    const nodes: Node<BoxData>[] = graph.nodes.map((n) => ({ id: n.id, type: 'box', position: pos.get(n.id)!, data: { ...n, current: n.id === current }, draggable: false, connectable: false,
      // Known sizes: the minimap and edge routing need them for boxes never rendered (onlyRenderVisibleElements).
      width: BOX.width, height: BOX.height }));
    const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, style: EDGE_STYLE[e.kind], animated: false }));
    return { nodes, edges };
  }, [graph, current]);
  return (
    <div data-testid={testId} style={{ width: '100%', height: '100%' }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        // A small graph fits the pane; a big one would shrink to unreadable dots, so it opens
        // readable at the top-left (Deployments and Services are there) and is panned from there.
        fitView={nodes.length <= 40}
        defaultViewport={{ x: 16, y: 16, zoom: 0.8 }}
        minZoom={0.05}
        colorMode={theme}
        onlyRenderVisibleElements
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, n) => {
          const k = parseKey(n.id);
          router.push(objectHref(k.kind, k.namespace || undefined, k.name));
        }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        {nodes.length > 40 && <MiniMap pannable zoomable nodeColor={(n) => TONE_COLOR[(n.data as BoxData).tone]} />}
      </ReactFlow>
    </div>
  );
}
