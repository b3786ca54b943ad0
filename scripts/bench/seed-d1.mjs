// Loads a generated dataset straight into D1 with SQL, bypassing the API (which would validate
// and version every row and take minutes at 10,000 plans).
//
// Each statement binds ONE parameter, a JSON array of rows, and expands it with json_each: D1
// allows at most 100 bound parameters per statement, and going through Miniflare's Node proxy
// costs two round trips per prepared statement, so rows-per-parameter is what makes seeding fast.
// Chunks stay under D1's 1 MB limit on a single string value.

const MAX_JSON_BYTES = 900_000;
const STATEMENTS_PER_BATCH = 20;

function chunksOf(rows) {
  const chunks = [];
  let current = [];
  let size = 2;
  for (const row of rows) {
    const rowSize = JSON.stringify(row).length + 1;
    if (current.length > 0 && size + rowSize > MAX_JSON_BYTES) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(row);
    size += rowSize;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function insertStatements(db, table, rows) {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const sql = `insert into ${table} (${columns.join(", ")}) select ${columns
    .map((c) => `value ->> '$.${c}'`)
    .join(", ")} from json_each(?1)`;
  return chunksOf(rows).map((chunk) => db.prepare(sql).bind(JSON.stringify(chunk)));
}

/** Runs the migrations' statements, then inserts every table of `data` in dependency order. */
export async function migrateAndSeed(db, migrationStatements, data) {
  await db.batch(migrationStatements.map((s) => db.prepare(s)));
  const statements = [
    ...insertStatements(db, "areas", data.areas),
    ...insertStatements(db, "indicators", data.indicators),
    ...insertStatements(db, "plans", data.plans),
    ...insertStatements(db, "plan_revisions", data.planRevisions),
    ...insertStatements(db, "actuals", data.actuals),
  ];
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    await db.batch(statements.slice(i, i + STATEMENTS_PER_BATCH));
  }
  const [counts] = await db.batch([
    db.prepare(
      "select (select count(*) from indicators) as indicators, (select count(*) from plans) as plans, (select count(*) from actuals) as actuals",
    ),
  ]);
  return counts.results[0];
}
