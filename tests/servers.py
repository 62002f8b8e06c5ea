"""Real servers for the tests, on 127.0.0.1: gunicorn running the app, Caddy in front of it, and Redis.

Each is started by the test that needs it and stopped after; a start waits for the port to
answer (a state), never for a fixed time.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 60
CADDYFILE = Path(__file__).resolve().parent.parent / "deploy" / "Caddyfile"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


@contextmanager
def running(command, port, folder, environment=None):
    """Run `command` (which listens on `port`) in `folder` until the block ends."""
    log = Path(folder) / f"{Path(command[0]).name}-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=folder, env={**os.environ, **(environment or {})}, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
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
    with running(command, port, folder, environment):
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
