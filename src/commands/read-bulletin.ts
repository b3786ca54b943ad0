// Reading a pasted bulletin against the indicators the reader may write: POST
// /api/bulletins/extract and the desk's paste box both come here. Nothing is written.
import { extractDrafts } from "../bulletins";
import type { ExtractionResult } from "../bulletins/types";
import type { Db } from "../db/client";
import { listIndicatorsOf } from "../db/queries/indicators";
import type { Principal } from "../lib/principal";
import { catalogueIndicator } from "../presenters/bulletin";
import type { BulletinRequest } from "../schemas/bulletin";

/**
 * Drafts for every statement the text's figures can be placed in. A token limited to one
 * scope is offered only that scope's indicators, and its scope is where figures that name no
 * place belong, unless the request says otherwise.
 */
export async function readBulletin(
  db: Db,
  request: BulletinRequest,
  principal: Principal | null,
): Promise<ExtractionResult> {
  const limit = principal?.indicatorScope ?? null;
  const indicators = await listIndicatorsOf(db, limit);
  return extractDrafts(request.text, {
    indicators: indicators.map(catalogueIndicator),
    reported_at: request.reported_at ?? null,
    default_year: request.default_year ?? null,
    default_status: request.default_status ?? null,
    default_scope: request.default_scope ?? limit,
    default_language: request.default_language ?? null,
  });
}
