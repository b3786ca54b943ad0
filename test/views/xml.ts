// A strict little XML well-formedness check for the feed and the badges: balanced tags, quoted
// attributes, known entities, a single root. workerd has no DOMParser; the browser suite parses
// the same documents with Chromium's.

const NAME = "[A-Za-z_][\\w.:-]*";
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(text: string, where: string): void {
  if (text.includes("<")) throw new Error(`raw '<' in ${where}`);
  if (text.replace(ENTITY, "").includes("&")) throw new Error(`bare '&' in ${where}`);
}

/** Throws with a reason when `xml` is not well-formed; returns the root element's name. */
export function assertWellFormedXml(xml: string): string {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const token = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`, "y");
  const stack: string[] = [];
  let root: string | null = null;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf("<", i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    if (stack.length === 0 && text.trim() !== "")
      throw new Error(`text outside the root: ${text.slice(0, 40)}`);
    checkText(text, "text");
    if (lt === -1) break;
    token.lastIndex = lt;
    const m = token.exec(body);
    if (!m) throw new Error(`malformed tag at ${lt}: ${body.slice(lt, lt + 60)}`);
    const [whole, closing, name = "", attrs = "", selfClosing] = m;
    for (const [, value = ""] of attrs.matchAll(/"([^"]*)"/g))
      checkText(value, `attribute of <${name}>`);
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      if (stack.length === 0) {
        if (root !== null) throw new Error("more than one root element");
        root = name;
      }
      if (!selfClosing) stack.push(name);
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(" > ")}`);
  if (root === null) throw new Error("no root element");
  return root;
}
