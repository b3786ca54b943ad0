// Measures the CPU time of the Worker's own isolate through workerd's inspector (the Profiler
// domain): what the Workers CPU limit counts, as opposed to the workerd process, which locally
// also runs D1's SQLite (in production D1 runs elsewhere). The profile samples every
// `intervalUs`; the CPU time is the number of samples in which the isolate was not idle, times
// the median time between two samples (the interval V8 actually kept). The time before each
// sample is not summed: on a loaded machine the isolate's thread waits for a core between two
// samples now and then, and that wait would be counted as its CPU.
//
// To see where a measured invocation's time goes: BENCH_PROFILE_TOP=1 prints the functions with
// the most samples in each, BENCH_PROFILE_SAVE=<dir> writes each profile there (open it in
// Chrome DevTools).
import { writeFileSync } from "node:fs";

export async function cpuProfiler(inspectorUrl, target, { intervalUs = 50 } = {}) {
  const url = `ws://${inspectorUrl.host}/${target}`;
  const ws = new WebSocket(url, { headers: { Origin: "http://localhost" } });
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
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: intervalUs });
  return {
    /** Runs `work` under the profiler; returns its result and the isolate's CPU milliseconds. */
    async measure(work) {
      await call("Profiler.start");
      const result = await work();
      const { result: stopped } = await call("Profiler.stop");
      const profile = stopped?.profile;
      if (!profile) return { result, cpuMs: null };
      const kind = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
      // (idle) is the isolate waiting (on D1, on the socket); (program) is time outside V8's
      // JavaScript and collector, counted in cpuMs and also reported alone.
      let busy = 0;
      let program = 0;
      let jsDeltaUs = 0;
      for (let i = 0; i < profile.samples.length; i += 1) {
        const name = kind.get(profile.samples[i]);
        if (name === "(idle)") continue;
        busy += 1;
        if (name === "(program)") program += 1;
        else jsDeltaUs += profile.timeDeltas[i] ?? 0;
      }
      const deltas = profile.timeDeltas.slice(1).sort((a, b) => a - b);
      const median = deltas.length > 0 ? deltas[Math.floor(deltas.length / 2)] : intervalUs;
      const us = busy * median;
      if (process.env.BENCH_PROFILE_SAVE) {
        writeFileSync(
          `${process.env.BENCH_PROFILE_SAVE}/${Date.now()}.cpuprofile`,
          JSON.stringify(profile),
        );
      }
      if (process.env.BENCH_PROFILE_TOP) {
        const self = new Map();
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        for (let i = 0; i < profile.samples.length; i += 1) {
          const n = byId.get(profile.samples[i]);
          const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
          // Samples, not the time before each: a wait for a core would land on one function.
          self.set(key, (self.get(key) ?? 0) + median / 1000);
        }
        console.log(
          [...self]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 25)
            .map(([fn, ms]) => [fn, Math.round(ms * 100) / 100]),
        );
      }
      return {
        result,
        cpuMs: Math.round(us / 10) / 100,
        // JavaScript and the collector alone, and (program) alone, unrounded.
        jsMs: ((busy - program) * median) / 1000,
        programMs: (program * median) / 1000,
        // The time before each JavaScript sample summed: a wait between two samples counts too.
        jsDeltaMs: jsDeltaUs / 1000,
      };
    },
    close() {
      ws.close();
    },
  };
}
