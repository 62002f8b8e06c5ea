"""Bodies a hostile client might send, the largest valid batch, and what each costs the server.

`python -m tests.hostile_bodies CASE DATABASE_URL` sends one of them to a fresh app in this
process and prints, as JSON, the answer and what it cost: seconds, and the peak memory the
process grew by (resident, so the parser's own allocations count too).
"""

import contextlib
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from pwa.storing import limits
from tests.log_payloads import a_session, a_set


def many(item, size=limits.MAX_SYNC_BODY_BYTES - 64):
    """`{"sessions": [item, item, ...]}`, as long as `size` allows: hundreds of thousands of faults."""
    count = (size - len('{"sessions":[]}')) // (len(item) + 1)
    return ('{"sessions":[' + ",".join([item] * count) + "]}").encode()


def many_empty_sessions(size=limits.MAX_SYNC_BODY_BYTES - 64):
    return many("{}", size)


def many_empty_sets():
    """As many sessions as a batch takes, each with as many sets as a session takes, all empty."""
    session = '{"sets":[' + ",".join(["{}"] * limits.MAX_SETS_PER_SESSION) + "]}"
    return ('{"sessions":[' + ",".join([session] * limits.MAX_SYNC_SESSIONS) + "]}").encode()


def largest_valid_batch(of="records"):
    """The valid batch with the most records, or the most values, that the body limit takes.

    `records`: as many sessions as a batch may hold, sharing out as many small sets (moving
    reps, with no hold times) as fit. `values`: the same sessions, each set holding as many hold
    times as a set may, which makes the most values a valid body can hold for its size. Between
    them they cost the server the most a valid request can. Returns (body, sets in it).
    """
    held = [0] * 1000 if of == "values" else []
    per_session, best = 1, None
    while per_session <= limits.MAX_SETS_PER_SESSION:
        sessions = [a_session(day=day, sets=0) for day in range(limits.MAX_SYNC_SESSIONS)]
        for session in sessions:
            session["sets"] = [a_set(order, exerciseId="cat-cow", exerciseName="Cat-cow", holdSecondsPlanned=None, heldSeconds=held) for order in range(per_session)]
        body = json.dumps({"sessions": sessions}, separators=(",", ":")).encode()
        if len(body) > limits.MAX_SYNC_BODY_BYTES:
            break
        best = body, per_session * limits.MAX_SYNC_SESSIONS
        per_session += 1
    return best


def raw_request(server, path, headers, chunked_body, timeout=30):
    """POST a hand-made chunked body over a plain socket; (status, body) of the answer."""
    host, port = server
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + chunked_body
    with socket.create_connection((host, port), timeout=timeout) as connection:
        # The server may answer (and close) before it has read everything.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = dechunk(body)
    return status, body


def dechunk(data):
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out


CASES = {
    "largest-valid-batch-of-records": lambda: largest_valid_batch("records")[0],
    "largest-valid-batch-of-values": lambda: largest_valid_batch("values")[0],
    "58-kb-of-empty-sessions": lambda: many_empty_sessions(58 * 1024),
    "a-megabyte-of-empty-sessions": many_empty_sessions,
    "a-megabyte-of-empty-lists": lambda: many("[]"),
    "a-megabyte-of-numbers": lambda: many("0"),
    "fifty-sessions-of-empty-sets": many_empty_sets,
}
# Where each hostile case is refused: the first fault it holds.
REFUSED_AT = {
    "58-kb-of-empty-sessions": "sessions[0].id",
    "a-megabyte-of-empty-sessions": "body",
    "a-megabyte-of-empty-lists": "body",
    "a-megabyte-of-numbers": "sessions[0]",
    "fifty-sessions-of-empty-sets": "sessions[0].id",
}
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def measure(case, database_uri):
    """Run one case in a process of its own (so no earlier allocation hides its cost); its figures."""
    command = [sys.executable, "-m", "tests.hostile_bodies", case, database_uri]
    run = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(run.stdout.splitlines()[-1])


def memory_kib(name):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise LookupError(name)


def main(case, database_uri):
    from pwa import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri})
    client = app.test_client()
    auth = {"Authorization": f"Bearer {client.post('/api/v1/devices').json['token']}"}
    # Warm up every code path a batch takes, so the figures are the request's alone.
    assert client.post("/api/v1/sync", json={"sessions": [a_session(day=-1)]}, headers=auth).status_code == 200
    body = CASES[case]()
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current size
    before = memory_kib("VmRSS")
    started = time.perf_counter()
    response = client.post("/api/v1/sync", data=body, content_type="application/json", headers=auth)
    seconds = time.perf_counter() - started
    peak = memory_kib("VmHWM")
    error = response.json.get("error", {})
    print(json.dumps({"case": case, "status": response.status_code, "field": error.get("field"), "body_bytes": len(body), "seconds": seconds, "peak_bytes": (peak - before) * 1024}))


if __name__ == "__main__":
    main(*sys.argv[1:])
