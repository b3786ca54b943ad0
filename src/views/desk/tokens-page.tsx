// The admin's token page: every token with its last use, a revoke button for each live one,
// and a form to create one; a new token is shown once, with a copy button.
import type { TokenRow } from "../../db/schema";
import { paths } from "../links";
import { ChoiceField, type FormState, TextField } from "./fields";
import { type DeskFrame, DeskPage, FormToken, ProblemSummary } from "./frame";

export function TokensPage({
  frame,
  state,
  tokens,
  created,
  revoked,
}: {
  frame: DeskFrame;
  state: FormState;
  tokens: readonly TokenRow[];
  created: { name: string; token: string } | null;
  revoked: boolean;
}) {
  const { l, links } = frame;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("tokens_heading")}</h1>
      <p>{l.t("tokens_intro")}</p>
      {created ? (
        <div class="notice" role="status">
          <p>{l.t("tokens_created", { name: created.name })}</p>
          <div class="field">
            <label for="f-new-token">{l.t("sign_in_token")}</label>
            <input id="f-new-token" class="secret" type="text" readonly value={created.token} />
          </div>
          <button type="button" data-copy="f-new-token" hidden>
            {l.t("tokens_copy")}
          </button>
        </div>
      ) : null}
      {revoked ? (
        <p class="notice" role="status">
          {l.t("tokens_revoked")}
        </p>
      ) : null}
      <div class="scroll">
        <table class="stack tokens">
          <caption>{l.t("tokens_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{l.t("col_token_name")}</th>
              <th scope="col">{l.t("col_permission")}</th>
              <th scope="col">{l.t("col_scope_limit")}</th>
              <th scope="col">{l.t("col_last_used")}</th>
              <th scope="col">{l.t("col_revoked")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr data-token={t.id}>
                <th scope="row">
                  {t.name}
                  <span class="sub">{t.id}</span>
                </th>
                <td data-label={l.t("col_permission")}>{t.scopes.join(", ")}</td>
                <td data-label={l.t("col_scope_limit")}>
                  {t.indicatorScope ?? l.t("scope_every")}
                </td>
                <td data-label={l.t("col_last_used")}>
                  {t.lastUsedAt ? l.timestamp(t.lastUsedAt) : l.t("never")}
                </td>
                <td data-label={l.t("col_revoked")}>
                  {t.revokedAt ? (
                    l.timestamp(t.revokedAt)
                  ) : (
                    <form method="post" action={links.to(`${paths.deskTokens}/revoke`)}>
                      <FormToken token={frame.formToken} />
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" aria-label={`${l.t("tokens_revoke")}: ${t.name}`}>
                        {l.t("tokens_revoke")}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="create">{l.t("tokens_create")}</h2>
      <ProblemSummary l={l} problems={state.problems} />
      <form method="post" action={links.to(paths.deskTokens)} class="desk" novalidate>
        <FormToken token={frame.formToken} />
        <TextField
          l={l}
          state={state}
          name="name"
          label={l.t("field_token_name")}
          required
          maxlength={100}
        />
        <ChoiceField
          l={l}
          state={state}
          name="permission"
          label={l.t("field_permission")}
          options={[
            { value: "write", label: l.t("permission_write") },
            { value: "read", label: l.t("permission_read") },
            { value: "admin", label: l.t("permission_admin") },
          ]}
        />
        <TextField
          l={l}
          state={state}
          name="indicator_scope"
          label={l.t("field_indicator_scope")}
          hint={l.t("field_indicator_scope_hint")}
          maxlength={120}
        />
        <TextField
          l={l}
          state={state}
          name="access_email"
          label={l.t("field_access_email")}
          hint={l.t("field_access_email_hint")}
          type="email"
          maxlength={254}
        />
        <TextField l={l} state={state} name="expires" label={l.t("field_expires")} type="date" />
        <div class="actions">
          <button type="submit" class="primary">
            {l.t("tokens_create")}
          </button>
        </div>
      </form>
    </DeskPage>
  );
}
