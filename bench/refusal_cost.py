"""What refusing hostile bodies costs, next to storing the largest valid batches.

Each case runs in a process of its own (so no earlier allocation hides its cost), on a fresh
migrated SQLite file: the app signs a device in, stores one small batch to warm up, then takes
the case's body through `POST /api/v1/sync`. Printed per case: the answer, the field it names,
the median time over the runs and the largest peak growth of resident memory (the JSON
parser's own allocations included).

    .venv/bin/python bench/refusal_cost.py [--runs 3]

Exits 1 when refusing any case costs more time or memory than storing the costlier valid batch.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pwa import create_app  # noqa: E402
from pwa.storing.db import db, upgrade_database  # noqa: E402
from tests.hostile_bodies import CASES, REFUSED_AT, measure  # noqa: E402

VALID = [case for case in CASES if case not in REFUSED_AT]


def migrated_database(folder):
    path = Path(folder) / "template.sqlite"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade_database()
        db.engine.dispose()
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        template = migrated_database(folder)
        for case in CASES:
            runs = []
            for run in range(arguments.runs):
                database = Path(folder) / f"{case}-{run}.sqlite"
                shutil.copyfile(template, database)
                runs.append(measure(case, f"sqlite:///{database}"))
            results[case] = {
                "status": runs[0]["status"],
                "field": runs[0]["field"] or "",
                "body_bytes": runs[0]["body_bytes"],
                "seconds": statistics.median(run["seconds"] for run in runs),
                "peak_bytes": max(run["peak_bytes"] for run in runs),
            }
    print(f"{'case':32} {'answer':>6} {'field':>16} {'body':>9} {'median time':>12} {'peak memory':>12}")
    for case, result in results.items():
        print(f"{case:32} {result['status']:>6} {result['field']:>16} {result['body_bytes']:>8}B {result['seconds'] * 1000:>10.1f}ms {result['peak_bytes'] / 2**20:>10.1f}MB")
    costliest = max((results[case] for case in VALID), key=lambda result: result["peak_bytes"])
    slowest = max(results[case]["seconds"] for case in VALID)
    over = [case for case in REFUSED_AT if results[case]["seconds"] > slowest or results[case]["peak_bytes"] > costliest["peak_bytes"]]
    wrong = [case for case in CASES if results[case]["status"] != (400 if case in REFUSED_AT else 200)]
    print(f"storing the largest valid batch: at most {slowest * 1000:.1f} ms and {costliest['peak_bytes'] / 2**20:.1f} MB")
    if over or wrong:
        print(f"costlier to refuse than to store: {over or 'none'}; wrong answer: {wrong or 'none'}")
        return 1
    print("every hostile body costs less to refuse than the largest valid batch costs to store")
    return 0


if __name__ == "__main__":
    sys.exit(main())
