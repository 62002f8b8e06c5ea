"""The README and docs/ hold together: every relative link and anchor resolves, every page is
reachable from the index, and the lists copied from the code (the CSV's columns, the routines
shipped) are the code's own. The limits tables are checked in tests/test_docs_limits.py."""

import csv
import io
import re
import unicodedata

import pytest

from pwa import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
PAGES = [PROJECT_ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def name(path):
    return path.relative_to(PROJECT_ROOT).as_posix()


def unfenced(text):
    """The text with its fenced blocks blanked, lines kept: a `# comment` in a shell block is not a heading."""
    return FENCE.sub(lambda match: "\n" * match.group(0).count("\n"), text)


def prose(text):
    """The text with fenced blocks and code spans blanked: a link inside them is not a link."""
    return CODE_SPAN.sub("", unfenced(text))


def slug(title):
    """The anchor GitHub gives a heading: its text in lower case, punctuation dropped, spaces as dashes."""
    text = LINK.sub(lambda match: match.group("text"), title).replace("`", "")
    kept = "".join(char for char in text.lower() if char in " -_" or unicodedata.category(char)[0] in "LMN")
    return kept.replace(" ", "-")


def anchors(path):
    """Every anchor of a Markdown file, a repeated heading numbered as GitHub numbers it."""
    seen = {}
    for match in HEADING.finditer(unfenced(path.read_text(encoding="utf-8"))):
        base = slug(match.group("title"))
        count = seen.get(base, 0)
        seen[base] = count + 1
        yield base if count == 0 else f"{base}-{count}"


def links(path):
    """The relative links of a Markdown file, as (line, target)."""
    text = prose(path.read_text(encoding="utf-8"))
    for match in LINK.finditer(text):
        target = match.group("target").strip("<>")
        if not SCHEME.match(target):
            yield text.count("\n", 0, match.start()) + 1, target


def fault(page, target):
    """What is wrong with a link from `page` to `target`, or None when it resolves."""
    path_part, _, anchor = target.partition("#")
    destination = (page.parent / path_part).resolve() if path_part else page
    if not destination.is_relative_to(PROJECT_ROOT):
        return "points outside the project"
    if not destination.exists():
        return f"{path_part} does not exist"
    if anchor:
        if destination.suffix != ".md":
            return f"an anchor into {destination.name}, which has no headings"
        if anchor not in set(anchors(destination)):
            return f"{name(destination)} has no heading with the anchor #{anchor}"
    return None


def test_the_docs_are_there():
    assert {path.name for path in PAGES} >= {"README.md", "user-guide.md", "api.md", "limits.md", "configuration.md", "deploying.md", "routines-format.md", "benchmarks.md", "testing.md"}


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_relative_link_and_anchor_resolves(page):
    broken = [f"{name(page)}:{line}: ({target}) {problem}" for line, target in links(page) if (problem := fault(page, target))]
    assert broken == []


def test_a_broken_link_or_anchor_is_caught():
    page = PROJECT_ROOT / "docs" / "a-page-to-check.md"
    assert fault(page, "user-guide.md#the-csv-file") is None
    assert fault(page, "../README.md#quick-start") is None
    assert fault(page, "user-guide.md#the-csv-files") == "docs/user-guide.md has no heading with the anchor #the-csv-files"
    assert fault(page, "usr-guide.md") == "usr-guide.md does not exist"


def test_headings_get_githubs_anchors():
    assert slug("How today's routine is chosen") == "how-todays-routine-is-chosen"
    assert slug("Design note: one definition per wire shape") == "design-note-one-definition-per-wire-shape"
    assert slug("`routines/` and [its format](x.md)") == "routines-and-its-format"


def test_the_readme_and_the_index_reach_every_page():
    def linked_from(page):
        return {(page.parent / target.partition("#")[0]).resolve() for _, target in links(page) if target.partition("#")[0]}

    pages = {path.resolve() for path in DOCS.glob("*.md")} - {(DOCS / "README.md").resolve()}
    assert (DOCS / "README.md").resolve() in linked_from(PROJECT_ROOT / "README.md")
    assert sorted(map(name, pages - linked_from(DOCS / "README.md"))) == []
    assert sorted(map(name, pages - linked_from(PROJECT_ROOT / "README.md"))) == []


def section(path, heading):
    """The text under `heading` in `path`, up to the next heading of its level or above."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^(#+) {re.escape(heading)}$", text, re.MULTILINE)
    assert match, f"{name(path)} has no section '{heading}'"
    end = re.compile(rf"^#{{1,{len(match.group(1))}}} ", re.MULTILINE).search(text, match.end())
    return text[match.end() : end.start() if end else len(text)]


def table_rows(text):
    """The body rows of every Markdown table in `text` (its header and rule left out), as cells."""
    rows, previous = [], ""
    for line in text.splitlines():
        if line.startswith("|") and previous.startswith("|") and not re.fullmatch(r"\|( *:?-+:? *\|)+", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        previous = line
    return rows


def first_column_names(text):
    return [row[0].strip("`") for row in table_rows(text) if row[0].startswith("`")]


def test_the_csv_columns_in_the_user_guide_are_those_the_export_writes(client, auth):
    response = client.get("/api/v1/sessions.csv", headers=auth)
    assert response.status_code == 200
    written = next(csv.reader(io.StringIO(response.get_data(as_text=True))))
    documented = first_column_names(section(DOCS / "user-guide.md", "The CSV file"))
    assert [column for column in written if column not in documented] == [], "columns the export writes that docs/user-guide.md does not list"
    assert [column for column in documented if column not in written] == [], "columns docs/user-guide.md lists that the export does not write"
    assert documented == written, "docs/user-guide.md lists the columns in another order than the file's"


def test_the_routines_shipped_are_the_catalogs_with_their_durations(client):
    catalog = {routine["id"]: routine["duration_minutes"] for routine in client.get("/api/v1/routines").json["routines"]}
    rows = [row for row in table_rows(section(DOCS / "routines-format.md", "The routines shipped today")) if row[0].startswith("`")]
    documented = {row[0].strip("`"): int(re.fullmatch(r"(\d+) min", row[-1]).group(1)) for row in rows}
    assert documented == catalog


def test_the_section_reader_stops_at_the_next_heading():
    page = DOCS / "routines-format.md"
    assert "The daily plan" not in section(page, "The routines shipped today")
    assert first_column_names(section(page, "The daily plan")) == []
    rows = table_rows("| id | about |\n| --- | --- |\n| `a` | 1 |\n| `b` | 2 |\n\ntext\n")
    assert rows == [["`a`", "1"], ["`b`", "2"]]
