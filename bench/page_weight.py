"""Print the compressed bytes a first visit downloads: before first paint, and the whole precache.

Run: .venv/bin/python bench/page_weight.py

"First paint" counts what blocks rendering: the shell HTML, which carries its stylesheet inline.
"Home drawn" adds the files of the bundle the first view needs and the catalog documents the
shell preloads for it. "Illustrations" are the exercise
figures. "Precache" is everything the service worker installs. Sizes are the response bodies as
the app serves them to a phone, which asks for Brotli (every current browser does over HTTPS, and
a phone installs the app only over HTTPS); headers not counted. Gzip level 9 is printed beside,
for a browser without Brotli. Targets, for what a phone downloads: first paint within 14 KB, all
illustrations within 40 KB, the whole precache within 100 KB.
"""

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pwa import create_app
from pwa.delivery.shell import FIRST_VIEW_DATA

FIRST_PAINT_BUDGET = 14 * 1024
PRECACHE_BUDGET = 100 * 1024
ILLUSTRATIONS_BUDGET = 40 * 1024


def gzip_size(body):
    return len(gzip.compress(body, compresslevel=9, mtime=0))


def main():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    client = app.test_client()
    manifest = app.extensions["assets"]

    sizes = {}
    for url in manifest.precache:
        with client.get(url) as response:
            assert response.status_code == 200, url
            body = response.get_data()
        with client.get(url, headers={"Accept-Encoding": "br, gzip"}) as response:
            assert response.headers.get("Content-Encoding") == "br", f"{url} is not served compressed"
            served = len(response.get_data())
        sizes[url] = (len(body), served, gzip_size(body))

    first_paint = ["/"]
    home_drawn = first_paint + [manifest.js_url(name) for name in manifest.first_view_modules] + list(FIRST_VIEW_DATA)

    def total(urls, column=1):
        return sum(sizes[url][column] for url in urls)

    width = max(len(url) for url in sizes)
    print(f"{'URL':<{width}}  {'raw':>8}  {'served':>8}  {'gzip':>8}")
    for url, (raw, served, packed) in sizes.items():
        print(f"{url:<{width}}  {raw:>8}  {served:>8}  {packed:>8}")
    print()
    print(f"first paint (shell, CSS in it): {total(first_paint):>6} B served  ({total(first_paint, 2)} B gzip; budget {FIRST_PAINT_BUDGET} B)")
    print(f"home drawn (+ JS + catalog):   {total(home_drawn):>7} B served  ({total(home_drawn, 2)} B gzip)")
    illustrations = list(manifest.illustration_urls)
    print(f"illustrations ({len(illustrations)} files):     {total(illustrations):>7} B served  ({total(illustrations, 2)} B gzip; budget {ILLUSTRATIONS_BUDGET} B)")
    print(f"whole precache ({len(sizes)} files):    {total(sizes):>7} B served  ({total(sizes, 2)} B gzip; budget {PRECACHE_BUDGET} B)")
    over = total(first_paint) > FIRST_PAINT_BUDGET or total(sizes) > PRECACHE_BUDGET or total(illustrations) > ILLUSTRATIONS_BUDGET
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
