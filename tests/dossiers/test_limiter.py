"""Failed attempts: 5 in a 15-minute sliding window, the same in memory and in Redis."""

from __future__ import annotations

import uuid

import pytest

from knowledge.dossiers.limiter import InMemoryAttemptLimiter, LimiterUnavailable, RedisAttemptLimiter


class Clock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def limiter_factory(request):
    """Build limiters of either kind on a fake clock; Redis keys get a unique prefix and are removed."""
    made = []

    def make(clock: Clock, limit: int = 5, window: float = 900):
        if request.param == "memory":
            return InMemoryAttemptLimiter(limit, window, clock=clock)
        url = request.getfixturevalue("redis_url")
        limiter = RedisAttemptLimiter(
            url, limit=limit, window=window, clock=clock, prefix=f"test:{uuid.uuid4().hex}:"
        )
        made.append(limiter)
        return limiter

    yield make
    if made:
        import redis

        client = redis.Redis.from_url(request.getfixturevalue("redis_url"))
        for limiter in made:
            for key in client.scan_iter(f"{limiter.prefix}*"):
                client.delete(key)


def test_locks_after_five_failures_and_reports_the_wait(limiter_factory):
    clock = Clock()
    limiter = limiter_factory(clock)
    for expected_left in (4, 3, 2, 1):
        state = limiter.record_failure("conv")
        assert (state.locked, state.left) == (False, expected_left)
        clock.now += 60
    state = limiter.record_failure("conv")  # 5th failure at +240 s
    assert state.locked and state.left == 0
    assert state.retry_after == pytest.approx(900 - 240)
    assert limiter.attempts("conv").locked


def test_window_expiry_unlocks(limiter_factory):
    clock = Clock()
    limiter = limiter_factory(clock)
    for _ in range(5):
        limiter.record_failure("conv")
    clock.now += 899
    assert limiter.attempts("conv").locked
    clock.now += 2
    state = limiter.attempts("conv")
    assert not state.locked and state.failures == 0


def test_sliding_window_frees_one_attempt_at_a_time(limiter_factory):
    clock = Clock()
    limiter = limiter_factory(clock)
    for _ in range(5):
        limiter.record_failure("conv")
        clock.now += 100  # failures at 0, 100, 200, 300, 400
    clock.now = 1_000_000.0 + 901  # the first one has left the window
    state = limiter.attempts("conv")
    assert (state.failures, state.locked) == (4, False)
    assert limiter.record_failure("conv").locked


def test_keys_are_independent(limiter_factory):
    clock = Clock()
    limiter = limiter_factory(clock)
    for _ in range(5):
        limiter.record_failure("a")
    assert limiter.attempts("a").locked
    assert not limiter.attempts("b").locked


def test_in_memory_limiter_forgets_old_conversations():
    clock = Clock()
    limiter = InMemoryAttemptLimiter(clock=clock)
    for i in range(10_001):
        limiter.record_failure(f"c{i}")
    clock.now += 1000
    limiter.record_failure("new")  # triggers the sweep
    assert len(limiter._failures) == 1


@pytest.mark.redis
def test_two_redis_limiters_share_counts(redis_url):
    """Two action-server instances see the same failures."""
    clock = Clock()
    prefix = f"test:{uuid.uuid4().hex}:"
    first = RedisAttemptLimiter(redis_url, clock=clock, prefix=prefix)
    second = RedisAttemptLimiter(redis_url, clock=clock, prefix=prefix)
    for limiter in (first, second, first, second, first):
        limiter.record_failure("conv")
    assert second.attempts("conv").locked
    import redis

    key = prefix + "conv"
    client = redis.Redis.from_url(redis_url)
    assert 0 < client.pttl(key) <= 900_000  # the key expires with the window
    client.delete(key)


def test_unreachable_redis_is_reported_not_ignored():
    limiter = RedisAttemptLimiter("redis://127.0.0.1:1/0")
    with pytest.raises(LimiterUnavailable):
        limiter.attempts("conv")
