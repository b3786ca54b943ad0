#!/usr/bin/env node
// Prints the import graph's cycles in src/, between files and between the top-level folders
// of src/ (a folder, or a file at the root of src/), and exits 1 when there is any. Every
// relative import counts, type-only ones included: a type import still couples two modules.
// It also checks that src/domain imports nothing outside itself.
//
//   node scripts/import-graph.mjs            cycles, and a summary of the folder graph
//   node scripts/import-graph.mjs --edges    also every edge between folders, with a count
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const EXTENSIONS = [".ts", ".tsx", ".d.ts"];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

// `import ... from "x"`, `import "x"`, `export ... from "x"`, `import("x")`, in any layout.
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from, specifier) {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, `index${ext}`)),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** file (relative to src) -> set of files it imports */
export function fileGraph() {
  const graph = new Map();
  for (const file of walk(src)) {
    const text = stripComments(readFileSync(file, "utf8"));
    const targets = new Set();
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, match[1] ?? match[2]);
      if (target?.startsWith(src)) targets.add(relative(src, target));
    }
    graph.set(relative(src, file), targets);
  }
  return graph;
}

/** The top-level unit of a file: its first folder under src/, or the file itself at the root. */
export function unitOf(file) {
  const [first, ...rest] = file.split("/");
  return rest.length === 0 ? first : `${first}/`;
}

export function folderGraph(files) {
  const graph = new Map();
  const counts = new Map();
  for (const [file, targets] of files) {
    const from = unitOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const target of targets) {
      const to = unitOf(target);
      if (to === from) continue;
      graph.get(from).add(to);
      const key = `${from} -> ${to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return { graph, counts };
}

/** Strongly connected components with more than one node (Tarjan), plus self-loops. */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const found = [];
  const connect = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v), idx.get(w)));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) connect(v);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = fileGraph();
  const { graph, counts } = folderGraph(files);
  const fileCycles = cycles(files);
  const folderCycles = cycles(graph);
  const domainLeaks = [...files]
    .filter(([file]) => unitOf(file) === "domain/")
    .flatMap(([file, targets]) =>
      [...targets].filter((t) => unitOf(t) !== "domain/").map((t) => `${file} -> ${t}`),
    );
  const edges = [...files.values()].reduce((n, t) => n + t.size, 0);
  console.log(`${files.size} files, ${edges} imports; ${graph.size} top-level units`);
  console.log(`file cycles: ${fileCycles.length}`);
  for (const c of fileCycles) console.log(`  ${c.join(" <-> ")}`);
  console.log(`folder cycles: ${folderCycles.length}`);
  for (const c of folderCycles) console.log(`  ${c.join(" <-> ")}`);
  console.log(`domain imports from outside domain/: ${domainLeaks.length}`);
  for (const leak of domainLeaks) console.log(`  ${leak}`);
  if (process.argv.includes("--edges")) {
    console.log("folder edges:");
    for (const [edge, n] of [...counts].sort()) console.log(`  ${edge} (${n})`);
  }
  process.exit(fileCycles.length + folderCycles.length + domainLeaks.length > 0 ? 1 : 0);
}
