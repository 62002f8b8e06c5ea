"""Rate limits for the requests that are cheap to abuse, through Flask-Limiter.

Each limit is a number of hits in a moving window, per client address (new accounts, redeeming
pairing codes) or per account (making codes). The counters live in memory by default, so each
process counts on its own; `RATELIMIT_STORAGE_URI` (for example `redis://127.0.0.1:6379`) puts
them where every worker and machine shares them.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


@dataclass(frozen=True)
class Limit:
    """At most `hits` per `seconds`."""

    hits: int
    seconds: int

    def __str__(self):
        return f"{self.hits} per {self.seconds} second"


limiter = Limiter(key_func=get_remote_address, strategy="moving-window", headers_enabled=False)


def configured(name):
    """The named limit from config, read at each request, so an app (or a test) may change it."""
    return lambda: str(current_app.config["RATE_LIMITS"][name])


def seconds_to_wait():
    """How long the client that was just refused must wait: at least a second."""
    current = limiter.current_limit
    return max(1, math.ceil(current.reset_at - time.time())) if current else 1


def client_address():
    """The client's address; for IPv6 its /64, which one home or phone gets whole (2^64 addresses)."""
    address = request.remote_addr or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return address
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def init_app(app: Flask):
    """Counters in memory unless `RATELIMIT_STORAGE_URI` names a shared store."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    # Redis out of reach: count in memory until it is back, instead of refusing every sign-in.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter.init_app(app)
