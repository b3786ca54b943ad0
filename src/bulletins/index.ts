// Public API of bulletin extraction: pure, deterministic, no I/O, no clock.

export { extractDrafts, MAX_BULLETIN_CHARACTERS, MAX_DRAFTS } from "./extract";
export { MAX_STATEMENT_CHARACTERS } from "./text";
export * from "./types";
