import { h } from "../../lib/dom.js";

function sourceItems(sources) {
  return h(
    "ul",
    {},
    sources.map((source) => {
      const label = `${source.title} (${source.publisher})`;
      // One of Unknot's own rules has no page to open: its rationale is said instead.
      if (source.kind === "rule") return h("li", {}, `${label}: ${source.rationale}`);
      return h("li", {}, source.url ? h("a", { href: source.url, rel: "noopener noreferrer" }, label) : label);
    }),
  );
}

/**
 * The sources behind a page, linked where they have a public address. With `heading: false`
 * it is the bare list, for a block that already says "Sources" (a <details> summary).
 */
export function sourceList(sources, { heading = true } = {}) {
  if (!heading) return h("div", { class: "sources" }, sourceItems(sources));
  return h(
    "section",
    { class: "sources", "aria-labelledby": "sources-title" },
    h("h2", { id: "sources-title" }, "Sources"),
    sourceItems(sources),
  );
}
