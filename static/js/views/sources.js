import { h } from "../dom.js";

/** The sources behind a page, linked where they have a public address. */
export function sourceList(sources) {
  return h(
    "section",
    { class: "sources", "aria-labelledby": "sources-title" },
    h("h2", { id: "sources-title" }, "Sources"),
    h(
      "ul",
      {},
      sources.map((source) => {
        const label = `${source.title} (${source.publisher})`;
        return h("li", {}, source.url ? h("a", { href: source.url, rel: "noopener noreferrer" }, label) : label);
      }),
    ),
  );
}
