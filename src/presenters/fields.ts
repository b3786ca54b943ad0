// For entities whose API shape is their row with snake_case keys: one map of API key → column
// gives the presenter and its exact inverse (used by restores).

export type FieldMap<Row, Out> = { readonly [K in keyof Out]: keyof Row };

export function present<Row, Out>(row: Row, fields: FieldMap<Row, Out>): Out {
  return Object.fromEntries(
    Object.entries(fields).map(([key, column]) => [key, row[column as keyof Row]]),
  ) as Out;
}

export function unpresent<Row, Out>(out: Out, fields: FieldMap<Row, Out>): Row {
  return Object.fromEntries(
    Object.entries(fields).map(([key, column]) => [column, out[key as keyof Out]]),
  ) as Row;
}
