import { readDocument } from "../../catalog/catalog-store.js";
import { h } from "../../lib/dom.js";
import { readSafety } from "../../safety/safety-store.js";
import { notFoundView } from "../common/not-found-view.js";
import { sourceList } from "../common/sources.js";
import { WARNING_SIGNS_PATH, warningSignGroups } from "../safety/warning-signs-view.js";

export const GUIDE_PATH = "/api/v1/guide";

function sourceNote(sources) {
  return h(
    "span",
    { class: "claim-sources" },
    " (",
    sources.flatMap((source, index) => [
      index ? "; " : "",
      source.url ? h("a", { href: source.url, rel: "noopener noreferrer" }, source.publisher) : source.publisher,
    ]),
    ")",
  );
}

export async function guideListView() {
  const guide = await readDocument(GUIDE_PATH);
  if (!guide) return notFoundView();
  return {
    title: "Guide",
    node: h(
      "section",
      {},
      h("h1", {}, "Back spasm guide"),
      h("p", {}, "Short answers in plain words. Each statement names its sources."),
      h(
        "ul",
        { class: "card-list" },
        guide.pages.map((page) =>
          h(
            "li",
            {},
            h(
              "a",
              { class: "card", href: `/guide/${page.id}` },
              h("span", { class: "card-title" }, page.title),
              h("span", {}, page.summary),
            ),
          ),
        ),
      ),
    ),
  };
}

/**
 * The warning signs on a guide page that shows them, first: the Warning signs page's own groups
 * and sources, so the two pages can never disagree; without the safety data, a link to that page.
 */
async function warningSigns(page) {
  if (!page.shows_warning_signs) return null;
  const safety = await readSafety();
  if (!safety) return h("p", {}, h("a", { href: WARNING_SIGNS_PATH }, "See the warning signs"), ".");
  return [...warningSignGroups(safety), sourceList(safety.warning_signs.sources)];
}

export async function guidePageView({ params }) {
  const guide = await readDocument(GUIDE_PATH);
  const page = guide?.pages.find((candidate) => candidate.id === params.pageId);
  if (!page) return notFoundView();
  return {
    title: page.title,
    node: h(
      "article",
      {},
      h("a", { class: "back-link", href: "/guide" }, "← Guide"),
      h("h1", {}, page.title),
      h("p", { class: "meta" }, page.summary),
      await warningSigns(page),
      page.claims.map((claim) => h("p", { class: "claim" }, claim.text, sourceNote(claim.sources))),
    ),
  };
}
