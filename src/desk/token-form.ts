// The token form of the desk's admin page: the fields of POST /api/tokens.
import { TOKEN_SCOPES } from "../domain/vocabulary";
import { SlugSchema } from "../schemas/common";
import { TokenCreateSchema } from "../schemas/token";
import type { FormReader } from "./fields";

export type TokenForm = ReturnType<typeof TokenCreateSchema.parse>;

/** `today`: a token must expire after it (its expiry is the end of the chosen day, UTC). */
export function readTokenForm(form: FormReader, today: string): TokenForm | undefined {
  const name = form.text("name", 100, true);
  const permission = form.choice("permission", TOKEN_SCOPES);
  const scope = form.raw("indicator_scope");
  if (scope !== "" && !SlugSchema.safeParse(scope).success) form.fail("indicator_scope", "slug");
  if (scope !== "" && permission === "admin") form.fail("indicator_scope", "admin_scope");
  const email = form.raw("access_email");
  if (email !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) form.fail("access_email", "email");
  const expires = form.date("expires");
  if (expires && expires < today) form.fail("expires", "future");
  if (form.problems.length > 0 || !name || !permission) return undefined;
  const body = {
    name,
    scopes: [permission],
    ...(scope ? { indicator_scope: scope } : {}),
    ...(email ? { access_email: email } : {}),
    ...(expires ? { expires_at: `${expires}T23:59:59Z` } : {}),
  };
  const field = (path: PropertyKey[]) =>
    path[0] === "expires_at"
      ? "expires"
      : path[0] === "scopes"
        ? "permission"
        : String(path[0] ?? "name");
  return form.check(TokenCreateSchema, body, field);
}
