"""Catalog reads against the ceiling: the app next to a bare WSGI app serving the same bytes.

Both run under gunicorn with 2 workers on 127.0.0.1; wrk (Debian's package) reads
`GET /api/v1/routines/back-basics` with 2 threads and 32 connections, plain and with
`Accept-Encoding: br`, in interleaved rounds (app, bare, app, bare, ...). Prints each round's
requests per second, the medians, and the app's share of the bare app's rate; exits 1 when it is
under 0.8 for either.

    .venv/bin/python bench/api_ratio.py [--rounds 3] [--seconds 5]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, running  # noqa: E402

PATH = "/api/v1/routines/back-basics"
TARGET = 0.8


def gunicorn(app, folder, environment):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", app]
    return running(command, port, folder, environment), port


def fetch(port, encoding):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{PATH}", headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.read()


def wrk(port, seconds, encoding):
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "-H", f"Accept-Encoding: {encoding}", f"http://127.0.0.1:{port}{PATH}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert not errors, output
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        from pwa import create_app
        from pwa.storing.db import db, upgrade_database

        database = f"sqlite:///{folder}/unknot.sqlite"
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database})
        with app.app_context():
            upgrade_database()
            db.engine.dispose()
        app_server, app_port = gunicorn("pwa:create_app()", folder, {"DATABASE_URL": database})
        with app_server:
            plain, compressed = fetch(app_port, "identity"), fetch(app_port, "br")
            (Path(folder) / "plain").write_bytes(plain)
            (Path(folder) / "br").write_bytes(compressed)
            bare_env = {"BARE_BODY": f"{folder}/plain", "BARE_BODY_BR": f"{folder}/br", "PYTHONPATH": str(ROOT / "bench")}
            bare_server, bare_port = gunicorn("bare_wsgi:application", folder, bare_env)
            with bare_server:
                assert fetch(bare_port, "identity") == plain and fetch(bare_port, "br") == compressed
                print(f"{PATH}: {len(plain)} B plain, {len(compressed)} B with br")
                ratios = {}
                for encoding in ("identity", "br"):
                    rates = {"app": [], "bare": []}
                    for round_number in range(arguments.rounds):
                        for name, port in (("app", app_port), ("bare", bare_port)):
                            rates[name].append(wrk(port, arguments.seconds, encoding))
                        print(f"  {encoding:8} round {round_number + 1}: app {rates['app'][-1]:8.0f} req/s   bare {rates['bare'][-1]:8.0f} req/s")
                    app_rate, bare_rate = statistics.median(rates["app"]), statistics.median(rates["bare"])
                    ratios[encoding] = app_rate / bare_rate
                    print(f"{encoding:8} medians: app {app_rate:.0f} req/s, bare {bare_rate:.0f} req/s: {ratios[encoding]:.2f}x")
    missed = [encoding for encoding, ratio in ratios.items() if ratio < TARGET]
    print(f"target {TARGET}x: " + (f"missed for {', '.join(missed)}" if missed else "met"))
    return 1 if missed else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
