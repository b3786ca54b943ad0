/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaType(header: string | null | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
