"""Print the compressed weight of every exercise illustration, and of all of them together.

Run: .venv/bin/python bench/figure_weight.py

Each file in static/illustrations/ is compressed on its own, as a server sends it: gzip at level 9
and Brotli at quality 11. The budget is 40 KB (40 x 1024 bytes) for all of them together, by
either; the script exits 1 when a total is over it.
"""

import gzip
import sys
from pathlib import Path

import brotli

ILLUSTRATIONS = Path(__file__).resolve().parent.parent / "static" / "illustrations"
BUDGET_BYTES = 40 * 1024


def weights(directory=ILLUSTRATIONS):
    """(file name, raw bytes, gzip bytes, Brotli bytes) for every SVG in `directory`."""
    rows = []
    for path in sorted(directory.glob("*.svg")):
        body = path.read_bytes()
        rows.append((path.name, len(body), len(gzip.compress(body, compresslevel=9, mtime=0)), len(brotli.compress(body, quality=11))))
    return rows


def main():
    rows = weights()
    width = max(len(name) for name, *_ in rows)
    print(f"{'file':<{width}}  {'raw':>7}  {'gzip':>6}  {'brotli':>6}")
    for name, raw, packed, squeezed in rows:
        print(f"{name:<{width}}  {raw:>7}  {packed:>6}  {squeezed:>6}")
    raw, packed, squeezed = (sum(row[index] for row in rows) for index in (1, 2, 3))
    print(f"{f'all {len(rows)} files':<{width}}  {raw:>7}  {packed:>6}  {squeezed:>6}")
    print(f"compressed: {packed / 1024:.1f} KB gzip, {squeezed / 1024:.1f} KB brotli (budget {BUDGET_BYTES // 1024} KB)")
    return 1 if max(packed, squeezed) > BUDGET_BYTES else 0


if __name__ == "__main__":
    sys.exit(main())
