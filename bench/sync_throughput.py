"""Write benchmark: sessions synced per second through POST /api/v1/sync, on SQLite and PostgreSQL.

Runs the real app under gunicorn (2 workers, as `make run`'s production advice) on 127.0.0.1,
once on a fresh SQLite file (WAL) and once on a fresh PostgreSQL server from Debian's packages
(`tests/postgres.sh`, with fsync on, as in production). Client threads, each signed in as its
own device on its own account, send batches of new sessions (each with 6 sets, like Back
basics) for a fixed time. Prints sessions stored per second and the batch latency.

    .venv/bin/python bench/sync_throughput.py [--seconds 15] [--clients 4] [--batch 10] [--only sqlite|postgresql]

Client and server share this machine's cores, so the figure is a floor, not a ceiling.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.log_payloads import a_session  # noqa: E402

BIN = Path(sys.executable).parent
PG_PORT = "54339"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(connection, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, json.loads(data) if data else None


def start_gunicorn(database_url, port):
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([BIN / "flask", "--app", "pwa", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [BIN / "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "pwa:create_app()"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def run_load(port, seconds, clients, batch_size):
    tokens = []
    for _ in range(clients):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, body = request(connection, "POST", "/api/v1/devices", {"name": "bench"})
        assert status == 201, body
        tokens.append(body["token"])
        connection.close()

    stored, latencies, errors = [], [], []
    deadline = time.monotonic() + seconds

    def client(token, index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        day = 0
        while time.monotonic() < deadline:
            batch = [a_session(day=index * 100_000 + day + n, sets=6) for n in range(batch_size)]
            day += batch_size
            began = time.perf_counter()
            status, body = request(connection, "POST", "/api/v1/sync", {"sessions": batch}, token)
            latencies.append(time.perf_counter() - began)
            if status != 200:
                errors.append((status, body))
                continue
            stored.append(len(body["stored"]))
        connection.close()

    threads = [threading.Thread(target=client, args=(token, index)) for index, token in enumerate(tokens)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    return sum(stored), elapsed, latencies, errors


def report(name, stored, elapsed, latencies, errors, batch_size):
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    print(
        f"{name}: {stored} sessions ({stored * 6} sets) stored in {elapsed:.1f} s = {stored / elapsed:.0f} sessions/s; "
        f"batch of {batch_size}: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; errors {len(errors)}"
    )
    if errors:
        print("  first error:", errors[0])


def bench(name, database_url, arguments):
    port = free_port()
    server = start_gunicorn(database_url, port)
    try:
        report(name, *run_load(port, arguments.seconds, arguments.clients, arguments.batch), arguments.batch)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    arguments = parser.parse_args()
    print(f"{arguments.clients} clients, batches of {arguments.batch} sessions with 6 sets, {arguments.seconds:.0f} s each, gunicorn with 2 workers")
    if arguments.only != "postgresql":
        with tempfile.TemporaryDirectory() as directory:
            bench("SQLite (WAL)", f"sqlite:///{directory}/bench.sqlite", arguments)
    if arguments.only != "sqlite":
        env = {**os.environ, "PGTEST_DIR": "/tmp/unknot-pg-bench", "PGTEST_PORT": PG_PORT}
        url = subprocess.run([ROOT / "tests" / "postgres.sh", "start"], env=env, check=True, capture_output=True, text=True).stdout.strip()
        try:
            bench("PostgreSQL", url, arguments)
        finally:
            subprocess.run([ROOT / "tests" / "postgres.sh", "stop"], env=env, check=True)


if __name__ == "__main__":
    main()
