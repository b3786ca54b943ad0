// Just enough of cron for the local runner: five fields (minute hour day-of-month month
// day-of-week) with `*`, `*/n`, `a-b`, `a-b/n` and lists, evaluated in UTC as Cloudflare does.

export function parseCrons(wranglerToml) {
  const match = /crons\s*=\s*\[([^\]]*)\]/.exec(wranglerToml);
  if (!match) return [];
  return [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

function fieldMatches(field, value, min, max) {
  return field.split(",").some((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    let lo = min;
    let hi = max;
    if (range !== "*") {
      const [a, b] = range.split("-").map(Number);
      lo = a;
      hi = b ?? (stepText ? max : a);
    }
    return value >= lo && value <= hi && (value - lo) % step === 0;
  });
}

export function cronMatches(cron, date) {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/);
  return (
    fieldMatches(minute, date.getUTCMinutes(), 0, 59) &&
    fieldMatches(hour, date.getUTCHours(), 0, 23) &&
    fieldMatches(dom, date.getUTCDate(), 1, 31) &&
    fieldMatches(month, date.getUTCMonth() + 1, 1, 12) &&
    fieldMatches(dow, date.getUTCDay(), 0, 6)
  );
}
