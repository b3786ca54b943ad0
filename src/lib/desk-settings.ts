// Settings of the editor's desk: how long a session lives, and whether Cloudflare Access
// identifies people. Read from the Worker's vars with safe defaults.

export interface DeskSettings {
  /** A session unused this long has ended (SESSION_IDLE_MINUTES, default 120). */
  idleMs: number;
  /** A session ends this long after sign-in however active (SESSION_MAX_HOURS, default 12). */
  maxAgeMs: number;
  /** Cloudflare Access, when both ACCESS_TEAM_DOMAIN and ACCESS_AUD are set. */
  access: { teamDomain: string; audience: string } | null;
}

export interface DeskSettingsSource {
  SESSION_IDLE_MINUTES?: string;
  SESSION_MAX_HOURS?: string;
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

function positive(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(value) && value > 0
    ? value
    : fallback;
}

/** "yourteam.cloudflareaccess.com", with or without https:// and a trailing slash. */
const HOSTNAME =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function readDeskSettings(env: DeskSettingsSource): DeskSettings {
  const team = (env.ACCESS_TEAM_DOMAIN ?? "")
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, "")
    .replace(/\/$/, "");
  const audience = (env.ACCESS_AUD ?? "").trim();
  return {
    idleMs: positive(env.SESSION_IDLE_MINUTES, 120) * MINUTE_MS,
    maxAgeMs: positive(env.SESSION_MAX_HOURS, 12) * HOUR_MS,
    // Half a setting leaves Access off: a token audience without a team (or the reverse)
    // could not be verified.
    access: HOSTNAME.test(team) && audience !== "" ? { teamDomain: team, audience } : null,
  };
}
