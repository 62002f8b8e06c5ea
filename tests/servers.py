"""Real servers for the tests, on 127.0.0.1: gunicorn running the app, Caddy in front of it, and Redis.

Each is started by the test that needs it and stopped after; a start waits for the port to
answer (a state), never for a fixed time. Every port comes from `free_port`, which never gives
the same one to two test processes (xdist's workers, or two runs side by side).
"""

import fcntl
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

# Only against a server that never comes up: on a loaded machine, with the suite's own workers
# beside it, gunicorn's workers have taken more than a minute to load the app.
STARTUP_SECONDS = 180
CADDYFILE = Path(__file__).resolve().parent.parent / "deploy" / "Caddyfile"


# Below Linux's ephemeral range (32768 and up), so no outgoing connection and no bind to port 0
# takes one of these while its server is stopped (an offline test starts it again on the same
# port). A port is this process's while it holds the port's lock file: the lock goes with the
# process, however it ends, so none is ever left taken.
PORTS = range(20000, 32000)
PORT_LOCKS = Path(tempfile.gettempdir()) / "unknot-test-ports"
held_ports = {}
# Round the range from a place of this process's own, so side-by-side processes rarely meet.
candidates = itertools.islice(itertools.cycle(PORTS), os.getpid() % len(PORTS), None)


def listening_is_possible(port):
    """Whether a server could listen on the port now (SO_REUSEADDR, as servers bind: old
    connections of a stopped server do not count)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def take_port(port):
    """Lock the port for this process; False when another process holds it."""
    if port in held_ports:
        return True
    PORT_LOCKS.mkdir(exist_ok=True)
    lock = (PORT_LOCKS / f"{port}.lock").open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        return False
    held_ports[port] = lock
    return True


def free_port():
    """A port on 127.0.0.1 that nothing listens on, and that no other test process hands out.

    Each call gives the next one along: a stopped server's port is not given again until the
    whole range has gone round.
    """
    for port in itertools.islice(candidates, len(PORTS)):
        if take_port(port) and listening_is_possible(port):
            return port
    raise AssertionError(f"no free port in {PORTS.start}-{PORTS.stop - 1} on 127.0.0.1")


def wait_for_port(port, process, log):
    """Until something listens on the port; fails at once if the process died."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert process.poll() is None, Path(log).read_text()
            assert time.monotonic() < deadline, f"nothing listened on {port} within {STARTUP_SECONDS} s:\n{Path(log).read_text()}"
            time.sleep(0.05)


def wait_for_the_app(port, process, log):
    """Until the app answers over HTTP: gunicorn listens before its workers have loaded the app,
    and a request sent then waits in the queue for as long as that takes."""
    wait_for_port(port, process, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=STARTUP_SECONDS).close()
            return
        except urllib.error.HTTPError:
            return  # an answer, whatever it says
        except OSError:
            assert process.poll() is None, Path(log).read_text()
            assert time.monotonic() < deadline, f"the app on {port} did not answer within {STARTUP_SECONDS} s:\n{Path(log).read_text()}"
            time.sleep(0.05)


@contextmanager
def running(command, port, folder, environment=None, ready=wait_for_port):
    """Run `command` (which listens on `port`) in `folder` until the block ends, from when `ready` returns."""
    log = Path(folder) / f"{Path(command[0]).name}-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=folder, env={**os.environ, **(environment or {})}, stdout=output, stderr=subprocess.STDOUT)
    try:
        ready(port, process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(folder, workers=1, **environment):
    """The app under gunicorn, as in production; yields (host, port)."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "pwa:create_app()"]
    with running(command, port, folder, environment, ready=wait_for_the_app):
        yield ("127.0.0.1", port)


def redis_server_binary():
    found = shutil.which("redis-server") or "/usr/bin/redis-server"
    assert Path(found).exists(), "redis-server is missing: `make test` installs Debian's redis-server"
    return found


@contextmanager
def redis(folder):
    """A throwaway Redis, keeping nothing on disk; yields its URL."""
    port = free_port()
    command = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)]
    with running(command, port, folder):
        yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def caddy(folder, upstream):
    """Caddy with the project's Caddyfile, on localhost over HTTPS from its own CA; yields the URL."""
    port = free_port()
    home = Path(folder) / "caddy-home"
    home.mkdir()
    environment = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "CADDY_STORAGE": str(home / "storage"),
        # Nothing outside the test: no admin endpoint, no system trust store, no port 80.
        "CADDY_GLOBAL_OPTIONS": f"admin off\nlocal_certs\nskip_install_trust\nauto_https disable_redirects\nhttp_port {free_port()}",
        "UNKNOT_SITE": f"https://localhost:{port}",
        "UNKNOT_TLS": "tls internal",
        "UNKNOT_UPSTREAM": f"{upstream[0]}:{upstream[1]}",
        "UNKNOT_ACCESS_LOG": str(Path(folder) / "access.log"),
    }
    caddy_binary = shutil.which("caddy") or "/usr/bin/caddy"
    with running([caddy_binary, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"], port, folder, environment):
        yield f"https://localhost:{port}"
