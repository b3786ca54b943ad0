// The administrator's token page: create (the token shown once) and revoke, which signs its
// holder out at once.
import { Hono } from "hono";
import { createToken, revokeTokenById } from "../../commands/tokens";
import { listTokens } from "../../db/queries/tokens";
import { FormReader } from "../../desk/fields";
import { readTokenForm } from "../../desk/token-form";
import { hashToken, newTokenSecret } from "../../http/auth";
import { todayUtc } from "../../lib/clock";
import { ApiError } from "../../lib/errors";
import { ulid } from "../../lib/ids";
import { allows } from "../../lib/principal";
import { TokensPage } from "../../views/desk/tokens-page";
import { paths } from "../../views/links";
import {
  type DeskContext,
  type DeskEnv,
  type DeskRequest,
  deskRequest,
  formValues,
  refuse,
  render,
  withWho,
  writer,
} from "./context";

async function adminRequest(c: DeskContext): Promise<DeskRequest | Response> {
  const r = await withWho(c, deskRequest(c, "tokens"));
  if (!r.principal || !allows(r.principal, "admin")) {
    return refuse(c, r, "forbidden", "refused_admin_only", 403);
  }
  return r;
}

export const tokenRoutes = new Hono<DeskEnv>()
  .get(paths.deskTokens, async (c) => {
    const r = await adminRequest(c);
    if (r instanceof Response) return r;
    return render(
      c,
      <TokensPage
        frame={r.frame}
        state={{ values: { permission: "write" }, problems: [] }}
        tokens={await listTokens(c.var.db)}
        created={null}
        revoked={c.req.query("revoked") !== undefined}
      />,
    );
  })
  .post(paths.deskTokens, async (c) => {
    const r = await adminRequest(c);
    if (r instanceof Response) return r;
    const values = await formValues(c);
    const form = new FormReader(values, r.l.lang);
    const input = readTokenForm(form, todayUtc());
    let created: { name: string; token: string } | null = null;
    if (input) {
      const who = writer(c, "form");
      const id = `tok_${ulid(Date.parse(who.audit.at))}`;
      const token = newTokenSecret(id);
      try {
        await createToken(c.var.db, input, { id, secretHash: await hashToken(token) }, who);
        created = { name: input.name, token };
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== "conflict") throw err;
        form.fail("access_email", "email_taken");
      }
    }
    return render(
      c,
      <TokensPage
        frame={r.frame}
        state={{ values: created ? { permission: "write" } : values, problems: form.problems }}
        tokens={await listTokens(c.var.db)}
        created={created}
        revoked={false}
      />,
      form.problems.length > 0 ? 422 : 201,
    );
  })
  .post(`${paths.deskTokens}/revoke`, async (c) => {
    const r = await adminRequest(c);
    if (r instanceof Response) return r;
    const id = (await formValues(c)).id ?? "";
    try {
      await revokeTokenById(c.var.db, id, writer(c, "form"));
    } catch (err) {
      if (err instanceof ApiError && err.code === "not_found") {
        return refuse(c, r, "not_found", "refused_conflict", 404);
      }
      throw err;
    }
    return c.redirect(r.frame.links.to(paths.deskTokens, { revoked: "1" }), 303);
  });
