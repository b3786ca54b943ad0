#!/usr/bin/env node
// Reading a pasted bulletin (src/bulletins, bundled unchanged with esbuild) in Node: CPU time
// of extractDrafts on the five seed articles repeated to each size, against the catalogue the
// engine's tests use. Cold is the first reading in a fresh process, as in a fresh isolate;
// warm is the median of the passes after it. Run as its own process.
//
//   node scripts/bench/bulletins.mjs [--iterations 15]
//
// prints one JSON object.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..", "..");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

async function load() {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve("wrangler"))("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "bench-bulletins-"));
  try {
    const entry = join(dir, "entry.ts");
    writeFileSync(
      entry,
      [
        `export { extractDrafts } from ${JSON.stringify(join(root, "src", "bulletins", "index.ts"))};`,
        `export * as seeds from ${JSON.stringify(join(root, "test", "bulletins", "seed-articles.ts"))};`,
        `export { CATALOGUE } from ${JSON.stringify(join(root, "test", "bulletins", "catalogue.ts"))};`,
      ].join("\n"),
    );
    const outfile = join(dir, "bulletins.mjs");
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "neutral",
      outfile,
      logLevel: "error",
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x) => Math.round(x * 100) / 100;
const iterations = Number(arg("iterations", 15));
const { extractDrafts, seeds, CATALOGUE } = await load();
const articles = Object.values(seeds)
  .filter((a) => a && typeof a.text === "string")
  .map((a) => a.text)
  .join("\n\n");
const SENTENCE =
  "Trong 9 tháng đầu năm 2024, tổng kim ngạch nhập khẩu hàng hóa của Nghệ An ước đạt 1.690 triệu USD, tăng 73,51% so với cùng kỳ năm 2023, đạt 112,67% kế hoạch.";

function textOf(characters) {
  let text = "";
  while (text.length < characters) text += `${articles}\n\n`;
  return text.slice(0, characters);
}

function read(text) {
  const cpu = process.cpuUsage();
  const result = extractDrafts(text, { indicators: CATALOGUE });
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, result };
}

const inputs = [
  { label: "one sentence", text: SENTENCE },
  { label: "a paragraph", text: textOf(2_000) },
  { label: "an article", text: textOf(5_000) },
  { label: "the route's cap", text: textOf(20_000) },
  { label: "the engine's cap", text: textOf(100_000) },
];

// The first reading of all: the code is not yet compiled, as in a fresh isolate.
const cold = read(inputs[3].text);
const sizes = inputs.map(({ label, text }) => {
  const passes = Array.from({ length: iterations }, () => read(text));
  const cpu = passes.map((p) => p.cpuMs).sort((a, b) => a - b);
  const { result } = passes[0];
  return {
    label,
    characters: text.length,
    drafts: result.drafts.length,
    unplaced: result.unplaced.length,
    cpuMsMedian: round(cpu[Math.floor(cpu.length / 2)]),
    cpuMsMax: round(cpu[cpu.length - 1]),
  };
});
console.log(
  JSON.stringify({
    iterations,
    indicators: CATALOGUE.length,
    cold: { characters: inputs[3].text.length, cpuMs: round(cold.cpuMs) },
    sizes,
  }),
);
