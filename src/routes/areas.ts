import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import { childAreas, deleteArea, getArea, listAreas, writeArea } from "../db/queries/areas";
import { areaRecord } from "../db/records";
import type { AreaRow } from "../db/schema";
import { contains } from "../domain/vocabulary";
import { auditContext } from "../http/auth";
import { createRouter } from "../http/router";
import { ApiError, type FieldError } from "../lib/errors";
import { sameContent } from "../lib/same-content";
import { areaAudit, areaOut } from "../presenters/area";
import { type AreaBody, AreaInputSchema, AreaSchema } from "../schemas/area";
import {
  bearerSecurity,
  errorResponses,
  jsonContent,
  SlugIdParams,
  writeErrorResponses,
} from "../schemas/common";

async function requireArea(db: Db, id: string): Promise<AreaRow> {
  const row = await getArea(db, id);
  if (!row) throw new ApiError("not_found", `No area '${id}'.`);
  return row;
}

/**
 * An area lies in one of a higher level (a province in its region, a region in its country),
 * and the areas inside it stay of a lower level: so no area can end up inside itself.
 */
async function placementProblems(db: Db, id: string, input: AreaBody): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const parentId = input.parent_id ?? null;
  if (parentId !== null) {
    const parent = await getArea(db, parentId);
    if (!parent) problems.push({ path: "/parent_id", message: `No area '${parentId}'.` });
    else if (!contains(parent.level, input.level)) {
      problems.push({
        path: "/parent_id",
        message: `A ${input.level} lies in an area of a higher level; '${parentId}' is a ${parent.level}.`,
      });
    }
  }
  const children = await childAreas(db, id);
  const outgrown = children.filter((child) => !contains(input.level, child.level));
  if (outgrown.length > 0) {
    problems.push({
      path: "/level",
      message: `Areas inside it (${outgrown.map((c) => `'${c.id}'`).join(", ")}) must stay of a lower level.`,
    });
  }
  return problems;
}

// Reads are public; writes are admin work (the access policy guards them): an area's names are
// what every office's indicators are shown under.
export const areaRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/areas",
      tags: ["areas"],
      summary: "Every area indicators belong to: provinces, regions, the country",
      responses: { 200: jsonContent(z.object({ areas: z.array(AreaSchema) }), "All areas") },
    }),
    async (c) => c.json({ areas: (await listAreas(c.var.db)).map(areaOut) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/areas/{id}",
      tags: ["areas"],
      summary: "One area",
      request: { params: SlugIdParams },
      responses: { 200: jsonContent(AreaSchema, "The area"), ...errorResponses },
    }),
    async (c) => c.json(areaOut(await requireArea(c.var.db, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/areas/{id}",
      tags: ["areas"],
      summary:
        "Create or rename an area (admin). Its id is the scope its indicators and tokens name.",
      security: bearerSecurity,
      request: {
        params: SlugIdParams,
        body: { required: true, content: { "application/json": { schema: AreaInputSchema } } },
      },
      responses: {
        200: jsonContent(AreaSchema, "Replaced, or unchanged"),
        201: jsonContent(AreaSchema, "Created"),
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const db = c.var.db;
      if (input.parent_id === id) {
        throw new ApiError("validation_failed", "Some fields are invalid.", [
          { path: "/parent_id", message: "An area cannot lie in itself." },
        ]);
      }
      const [before, problems] = await Promise.all([
        getArea(db, id),
        placementProblems(db, id, input),
      ]);
      if (problems.length > 0) {
        throw new ApiError("validation_failed", "Some fields are invalid.", problems);
      }
      const audit = auditContext(c);
      const next = areaRecord(id, input, before?.createdAt ?? audit.at, audit.at);
      if (before && sameContent(before, next, ["createdAt", "updatedAt"])) {
        return c.json(areaOut(before), 200);
      }
      const written = await writeArea(db, next, before, {
        ctx: audit,
        entry: areaAudit(id, before, next),
      });
      if (!written) {
        throw new ApiError(
          "conflict",
          `Area '${id}' was created or changed at the same moment; read it and retry.`,
        );
      }
      return c.json(areaOut(next), before ? 200 : 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/areas/{id}",
      tags: ["areas"],
      summary: "Delete an area no indicator, token or other area names (admin)",
      security: bearerSecurity,
      request: { params: SlugIdParams },
      responses: { 204: { description: "Deleted" }, ...writeErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const before = await requireArea(c.var.db, id);
      const outcome = await deleteArea(c.var.db, id, {
        ctx: auditContext(c),
        entry: areaAudit(id, before, null),
      });
      if (outcome === "missing") throw new ApiError("not_found", `No area '${id}'.`);
      if (outcome === "in_use") {
        throw new ApiError(
          "area_in_use",
          `Indicators, tokens or other areas still name '${id}'; nothing was deleted.`,
        );
      }
      return c.body(null, 204);
    },
  );
