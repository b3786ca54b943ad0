// Samples the V8 heap of the Worker's own isolate through workerd's inspector
// (Runtime.getHeapUsage): what the Workers 128 MB limit is about, as opposed to the whole
// workerd process, which also holds the runtime, Miniflare's helper workers and SQLite.
// A sample is taken every `intervalMs`; the isolate answers between two of its own tasks, so a
// peak reached and released inside one synchronous stretch can be missed: it is a lower bound.

const MIB = 1024 * 1024;

export function heapSampler(inspectorUrl, target, intervalMs = 25) {
  return heapSamplerAt(`ws://${inspectorUrl.host}/${target}`, { intervalMs });
}

/**
 * The same sampler on any inspector WebSocket, e.g. the proxy `wrangler dev --inspector-port`
 * serves at `ws://127.0.0.1:<port>/ws`, which accepts DevTools clients from a local Origin only.
 */
export async function heapSamplerAt(url, { intervalMs = 25, origin = "http://localhost" } = {}) {
  const ws = new WebSocket(url, { headers: { Origin: origin } });
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = () => fail(new Error(`cannot attach to the inspector at ${url}`));
  });
  let nextId = 0;
  const pending = new Map();
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  };
  const call = (method, params = {}) =>
    new Promise((resolve) => {
      nextId += 1;
      pending.set(nextId, resolve);
      ws.send(JSON.stringify({ id: nextId, method, params }));
    });

  let peak = null;
  let lapPeak = null;
  let samples = 0;
  let running = false;
  let loop = null;
  const higher = (a, result) => ({
    usedMiB: Math.max(a?.usedMiB ?? 0, result.usedSize / MIB),
    totalMiB: Math.max(a?.totalMiB ?? 0, result.totalSize / MIB),
    backingMiB: Math.max(a?.backingMiB ?? 0, (result.backingStorageSize ?? 0) / MIB),
  });
  const sample = async () => {
    const { result } = await call("Runtime.getHeapUsage");
    samples += 1;
    peak = higher(peak, result);
    lapPeak = higher(lapPeak, result);
  };
  const round = (x) => Math.round(x * 10) / 10;
  const rounded = (p) => ({
    usedMiB: round(p.usedMiB),
    totalMiB: round(p.totalMiB),
    backingMiB: round(p.backingMiB),
  });
  return {
    /** Starts a phase: forgets the previous peak and samples until stop(). */
    start() {
      peak = null;
      lapPeak = null;
      samples = 0;
      running = true;
      loop = (async () => {
        while (running) {
          await sample();
          await new Promise((r) => setTimeout(r, intervalMs));
        }
      })();
    },
    /** The peak since the last lap (or the start), without ending the phase. */
    async lap() {
      await sample();
      const result = rounded(lapPeak);
      lapPeak = null;
      return result;
    },
    /** Ends the phase: the peak of the V8 heap (used, committed) and of ArrayBuffer storage. */
    async stop() {
      running = false;
      await loop;
      await sample();
      return { ...rounded(peak), samples };
    },
    /**
     * The heap the isolate keeps alive right now: what is left in use after a full collection.
     * workerd's inspector does not answer HeapProfiler.collectGarbage, but a heap snapshot
     * collects first; the snapshot itself is streamed and dropped. It also shrinks the committed
     * heap, so a phase that measures committed memory must not call this.
     */
    async live() {
      await call("HeapProfiler.enable");
      await call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
      const { result } = await call("Runtime.getHeapUsage");
      return { usedMiB: round(result.usedSize / MIB), totalMiB: round(result.totalSize / MIB) };
    },
    close() {
      ws.close();
    },
  };
}
