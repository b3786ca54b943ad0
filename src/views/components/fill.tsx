import type { Child } from "hono/jsx";

/**
 * A translated sentence with elements in it: `{name}` placeholders that the translator left
 * in place are replaced by the given nodes, so a link or a <time> can sit mid-sentence in
 * either language without splitting the sentence into fragments per language.
 */
export function Fill({ text, slots }: { text: string; slots: Readonly<Record<string, Child>> }) {
  const parts = text.split(/(\{\w+\})/);
  return (
    <>
      {parts.map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        return name !== undefined && Object.hasOwn(slots, name) ? slots[name] : part;
      })}
    </>
  );
}
