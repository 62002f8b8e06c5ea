"""The in-memory rate limiter: counts per key in a sliding window, and keeps its memory bounded."""

from pwa.rate_limit import Limit, RateLimiter

LIMIT = Limit(hits=2, seconds=60)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_key_gets_its_hits_then_waits_until_the_oldest_leaves_the_window():
    clock = Clock()
    limiter = RateLimiter(longest_window=60, clock=clock)

    assert [limiter.hit("codes", "a", LIMIT) for _ in range(2)] == [0, 0]
    clock.now += 20
    assert limiter.hit("codes", "a", LIMIT) == 40
    assert limiter.hit("codes", "b", LIMIT) == 0  # another key is not held back
    clock.now += 40
    assert limiter.hit("codes", "a", LIMIT) == 0


def test_idle_keys_are_forgotten_and_a_table_of_live_keys_is_not_swept_on_every_hit(monkeypatch):
    monkeypatch.setattr("pwa.rate_limit.MAX_KEYS", 10)
    clock = Clock()
    limiter = RateLimiter(longest_window=60, clock=clock)
    for n in range(10):
        limiter.hit("accounts", f"idle-{n}", LIMIT)
    clock.now += 61
    limiter.hit("accounts", "new", LIMIT)  # the 11th key: a sweep drops the 10 idle ones
    assert list(limiter.hits) == [("accounts", "new")]

    for n in range(10):
        limiter.hit("accounts", f"live-{n}", LIMIT)
    # All 11 keys are live: the sweep keeps them and waits until the table has doubled.
    assert len(limiter.hits) == 11 and limiter.prune_at == 22
