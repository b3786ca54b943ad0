import { Document, type PageFrame } from "./layout";
import { paths } from "./links";

/** A page-shaped error for readers; the API keeps answering problem+json. */
export function ErrorPage({
  frame,
  heading,
  text,
}: {
  frame: PageFrame;
  heading: string;
  text: string;
}) {
  const { l, links } = frame;
  return (
    <Document {...frame}>
      <h1>{heading}</h1>
      <p>{text}</p>
      <p>
        <a href={links.to(paths.overview)}>← {l.t("back_to_all")}</a>
      </p>
    </Document>
  );
}
