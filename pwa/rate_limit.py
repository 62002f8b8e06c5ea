"""A small in-memory rate limiter for the requests that are cheap to abuse.

Each limit is a number of hits per window for a key (a client address or an account). It is kept
per process: behind gunicorn with N workers a client may get up to N times the limit, which still
stops a guessing or flooding script. It forgets everything on restart, by design.
"""

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from flask import Flask, current_app

MAX_KEYS = 100_000


@dataclass(frozen=True)
class Limit:
    """At most `hits` per `seconds`."""

    hits: int
    seconds: int


class RateLimiter:
    """Sliding-window counters, one deque of hit times per (limit name, key)."""

    def __init__(self, longest_window, clock=time.monotonic):
        self.longest_window = longest_window
        self.clock = clock
        self.hits = defaultdict(deque)
        self.lock = threading.Lock()
        self.prune_at = MAX_KEYS

    def hit(self, name, key, limit: Limit):
        """Count a hit; return 0 when allowed, else the seconds to wait before the next one."""
        now = self.clock()
        with self.lock:
            window = self.hits[(name, key)]
            while window and window[0] <= now - limit.seconds:
                window.popleft()
            if len(window) >= limit.hits:
                return max(1, int(window[0] + limit.seconds - now + 0.999))
            window.append(now)
            if len(self.hits) > self.prune_at:
                self.forget_idle(now)
            return 0

    def forget_idle(self, now):
        """Drop keys with no recent hit, so the limiter's memory stays bounded.

        When most keys are still live, the next sweep waits until the table has doubled: a sweep
        on every hit would make each request pay for the whole table.
        """
        for key in [key for key, window in self.hits.items() if not window or window[-1] <= now - self.longest_window]:
            del self.hits[key]
        self.prune_at = max(MAX_KEYS, 2 * len(self.hits))


def check(name, key):
    """Count a hit against the named limit from config; 0 when allowed, else seconds to wait."""
    limit = current_app.config["RATE_LIMITS"][name]
    return current_app.extensions["rate_limiter"].hit(name, key, limit)


def init_app(app: Flask):
    """One limiter per app, forgetting a key once the longest window has passed without a hit."""
    app.extensions["rate_limiter"] = RateLimiter(max(limit.seconds for limit in app.config["RATE_LIMITS"].values()))
