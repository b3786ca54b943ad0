export function parseCrons(wranglerToml: string): string[];
export function cronMatches(cron: string, date: Date): boolean;
