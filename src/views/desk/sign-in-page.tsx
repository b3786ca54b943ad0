import { paths } from "../links";
import type { Locale } from "../locale";
import { type DeskFrame, DeskPage } from "./frame";

export type SignInNotice = "signed_out" | "ended" | "wrong" | "insecure" | "read_only" | null;

const NOTICE_KEYS = {
  signed_out: "sign_in_signed_out",
  ended: "sign_in_ended",
  wrong: "sign_in_wrong",
  insecure: "sign_in_insecure",
  read_only: "sign_in_read_only",
} as const;

function duration(l: Locale, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes % 60 === 0 ? l.t("hours", { n: minutes / 60 }) : l.t("minutes", { n: minutes });
}

export function SignInPage({
  frame,
  notice,
  idleMs,
  maxAgeMs,
}: {
  frame: DeskFrame;
  notice: SignInNotice;
  idleMs: number;
  maxAgeMs: number;
}) {
  const { l, links } = frame;
  const problem = notice === "wrong" || notice === "insecure" || notice === "read_only";
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("sign_in_heading")}</h1>
      {notice ? (
        <p
          class={problem ? "refused" : "notice"}
          role={problem ? "alert" : "status"}
          data-notice={notice}
        >
          {l.t(NOTICE_KEYS[notice])}
        </p>
      ) : null}
      <p>{l.t("sign_in_intro", { idle: duration(l, idleMs), max: duration(l, maxAgeMs) })}</p>
      <form method="post" action={links.to(paths.deskSignIn)} class="desk">
        <div class="field">
          <label for="f-token">{l.t("sign_in_token")}</label>
          <input
            id="f-token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            maxlength={200}
            aria-invalid={notice === "wrong" ? "true" : undefined}
          />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {l.t("sign_in_submit")}
          </button>
        </div>
      </form>
    </DeskPage>
  );
}
