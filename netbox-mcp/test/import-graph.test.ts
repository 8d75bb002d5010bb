import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every source file with the source files it imports, type-only imports included: they tie folders too. */
function importGraph(): Map<string, string[]> {
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
    graph.set(
      file,
      importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => resolve(dirname(file), i.fileName)),
    );
  }
  return graph;
}

/** Strongly connected parts with more than one node (or a node importing itself): the import circles. */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!edges.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const part: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      part.push(member);
    } while (member !== node);
    if (part.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(part.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** A file's place in the architecture: its folder under src/, or the file itself for the entry points at the top. */
function unitOf(file: string): string {
  const path = relative(SRC, file);
  return path.includes(sep) ? `${path.split(sep)[0]}/` : path;
}

describe('netbox-mcp import graph', () => {
  const graph = importGraph();

  it('has no import circle between files', () => {
    expect(circles(graph).map((part) => part.map((f) => relative(SRC, f)))).toEqual([]);
  });

  it('has no import circle between folders: each layer imports only the layers below it', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of graph) {
      const from = unitOf(file);
      const set = folders.get(from) ?? new Set<string>();
      for (const to of imports) if (unitOf(to) !== from) set.add(unitOf(to));
      folders.set(from, set);
    }
    const edges = new Map([...folders].map(([k, v]) => [k, [...v]]));
    const found = circles(edges);
    // Name the imports that close each circle, so a failure says what to move.
    const culprits = found.map((part) =>
      [...graph].flatMap(([file, imports]) =>
        imports.filter((to) => part.includes(unitOf(file)) && part.includes(unitOf(to)) && unitOf(to) !== unitOf(file)).map((to) => `${relative(SRC, file)} → ${relative(SRC, to)}`),
      ),
    );
    expect(culprits).toEqual([]);
  });
});
