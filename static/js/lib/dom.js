/**
 * Build DOM nodes without innerHTML, so that catalog text is always text.
 * h("a", { href: "/x", class: "card" }, "Label", childNode)
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** A list of texts as <ul> or <ol>, with an optional class. */
export function textList(tag, items, className) {
  return h(
    tag,
    { class: className },
    items.map((item) => h("li", {}, item)),
  );
}
