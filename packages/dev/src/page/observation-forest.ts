import type { LangfuseObservation } from '@threadline/read-model';

/** An observation with its children, in start-time order. */
export interface ObservationNode {
  observation: LangfuseObservation;
  children: ObservationNode[];
  depth: number;
}

/**
 * The observations of a trace as a forest: a span whose parent is not in the trace (not
 * exported yet, or from another service) is a root. Input order (start time) is kept.
 */
export function buildForest(observations: readonly LangfuseObservation[]): ObservationNode[] {
  const nodes = new Map<string, ObservationNode>();
  for (const observation of observations) {
    nodes.set(observation.id, { observation, children: [], depth: 0 });
  }
  const roots: ObservationNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.observation.parentObservationId;
    const parent = parentId !== undefined ? nodes.get(parentId) : undefined;
    // A span that names itself (or a broken id) as its parent would make a cycle: root it.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  // Depths from the roots; nodes caught in a cycle are never reached and become roots too.
  const reached = new Set<ObservationNode>();
  const walk = (node: ObservationNode, depth: number) => {
    reached.add(node);
    node.depth = depth;
    node.children = node.children.filter((child) => !reached.has(child));
    for (const child of node.children) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  for (const node of nodes.values()) {
    if (!reached.has(node)) {
      roots.push(node);
      walk(node, 0);
    }
  }
  return roots;
}

/** The forest in display order: each node followed by its children (depth-first). */
export function flattenForest(roots: readonly ObservationNode[]): ObservationNode[] {
  const out: ObservationNode[] = [];
  const visit = (node: ObservationNode) => {
    out.push(node);
    for (const child of node.children) visit(child);
  };
  for (const root of roots) visit(root);
  return out;
}
