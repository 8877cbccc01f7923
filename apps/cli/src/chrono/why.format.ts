import type { CauseNode, HistoryEvent, Why } from './contract';
import { formatEvent } from './values';

/**
 * The answer to "why": the chain from the root request (or observation)
 * down to the subject as an indented tree, then everything the subject
 * caused in turn (its subtree of the correlation's cause tree).
 */
export function formatWhy(why: Why): string {
  const lines: string[] = [];
  lines.push(`Subject: ${formatEvent(why.subject)}`);
  lines.push(`Root:    ${rootLine(why)}`);
  lines.push(`Correlation: ${why.root.correlationId}`);
  lines.push('');
  lines.push('Chain (root → subject):');
  // The server lists the chain subject first; people read causes top-down.
  const chain = [...why.chain].reverse();
  chain.forEach((event, depth) => {
    const marker = event.id === why.subject.id ? '   ◀ subject' : '';
    lines.push(`${depth === 0 ? '' : `${'   '.repeat(depth - 1)}└─ `}${formatEvent(event)}${marker}`);
  });
  lines.push('');
  const node = findNode(why.tree, why.subject.id);
  if (!node || node.children.length === 0) {
    lines.push('It caused: nothing so far.');
  } else {
    lines.push(`It caused (${countDescendants(node)} event${countDescendants(node) === 1 ? '' : 's'}):`);
    renderChildren(node, '', lines);
  }
  return `${lines.join('\n')}\n`;
}

function rootLine(why: Why): string {
  const root: HistoryEvent = why.root;
  switch (why.rootKind) {
    case 'request':
      return `a request by ${root.actor} (${root.verb}${root.userAgent ? `, ${root.userAgent}` : ''}${root.sourceIP ? ` from ${root.sourceIP}` : ''})`;
    case 'observation':
      return `an observation by ${root.actor} (nothing in the log caused it)`;
    default:
      return `unknown: the chain ends at ${root.type} by ${root.actor}${root.causationId ? `, whose cause ${root.causationId} is not in the log` : ''}`;
  }
}

/** Depth-first search by event id; undefined when the subject is not in the tree. */
export function findNode(node: CauseNode, id: string): CauseNode | undefined {
  if (node.event.id === id) return node;
  for (const child of node.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

function countDescendants(node: CauseNode): number {
  return node.children.reduce((n, c) => n + 1 + countDescendants(c), 0);
}

function renderChildren(node: CauseNode, indent: string, lines: string[]): void {
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    lines.push(`${indent}${last ? '└─ ' : '├─ '}${formatEvent(child.event)}`);
    renderChildren(child, indent + (last ? '   ' : '│  '), lines);
  });
}
