"""Failed-attempt limits: at most N failed checks per key in a sliding time window.

Four digits are only 10,000 possibilities, so guessing must be slow: after 5
failed checks in 15 minutes a conversation is paused until the oldest failure
leaves the window. A success does *not* clear the count, or someone could
interleave checks of their own dossier with guesses at another.

Two implementations with the same behaviour: in memory (one process, the
default) and Redis (several action-server instances behind a load balancer
must share the counts). Keys are opaque strings chosen by the caller, already
hashed; nothing personal is stored here.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 15 * 60


class LimiterUnavailable(RuntimeError):
    """The shared store of attempts cannot be reached; callers must refuse lookups, not skip the limit."""


@dataclass(frozen=True)
class Attempts:
    failures: int
    limit: int
    retry_after: float  # seconds until a new attempt is allowed; 0 when not locked

    @property
    def locked(self) -> bool:
        return self.failures >= self.limit

    @property
    def left(self) -> int:
        return max(0, self.limit - self.failures)


class AttemptLimiter(Protocol):
    limit: int
    window: float

    def attempts(self, key: str) -> Attempts: ...

    def record_failure(self, key: str) -> Attempts: ...


def _summarise(times: Sequence[float], now: float, limit: int, window: float) -> Attempts:
    """Count failures still in the window; when locked, wait until enough of them expire."""
    recent = sorted(t for t in times if t > now - window)
    if len(recent) < limit:
        return Attempts(len(recent), limit, 0.0)
    unlocking = recent[len(recent) - limit]  # once this one expires, one more attempt is allowed
    return Attempts(len(recent), limit, max(0.0, unlocking + window - now))


class InMemoryAttemptLimiter:
    def __init__(
        self,
        limit: int = DEFAULT_LIMIT,
        window: float = DEFAULT_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def attempts(self, key: str) -> Attempts:
        with self._lock:
            now = self._clock()
            return _summarise(self._prune(key, now), now, self.limit, self.window)

    def record_failure(self, key: str) -> Attempts:
        with self._lock:
            now = self._clock()
            failures = self._prune(key, now)
            failures.append(now)
            self._failures[key] = failures
            if len(self._failures) > 10_000:
                self._sweep(now)
            return _summarise(failures, now, self.limit, self.window)

    def _prune(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(key, None)
        return failures

    def _sweep(self, now: float) -> None:
        """Forget conversations with no recent failure, so memory stays bounded."""
        for key in [k for k, times in self._failures.items() if times[-1] <= now - self.window]:
            del self._failures[key]


# Atomic and one round trip: drop expired failures, maybe add one, return what is left.
_SCRIPT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 1000))
end
return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
"""


class RedisAttemptLimiter:
    """Sorted set per key (score = failure time), expiring with the window.

    Times come from ``clock`` (the application servers' clocks, which are
    expected to be NTP-synchronised like any multi-instance deployment).
    """

    def __init__(
        self,
        redis_url: str | None = None,
        *,
        client: Any = None,
        limit: int = DEFAULT_LIMIT,
        window: float = DEFAULT_WINDOW_SECONDS,
        prefix: str = "tthc:dossier-attempts:",
        clock: Callable[[], float] = time.time,
    ) -> None:
        import redis

        if client is None:
            if not redis_url:
                raise ValueError("RedisAttemptLimiter needs redis_url or client")
            client = redis.Redis.from_url(redis_url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self.limit = limit
        self.window = window
        self.prefix = prefix
        self._clock = clock
        self._errors = (redis.RedisError, OSError)
        self._script = client.register_script(_SCRIPT)

    def attempts(self, key: str) -> Attempts:
        return self._run(key, record=False)

    def record_failure(self, key: str) -> Attempts:
        return self._run(key, record=True)

    def _run(self, key: str, record: bool) -> Attempts:
        now = self._clock()
        member = f"{now:.6f}:{uuid.uuid4().hex[:8]}"
        try:
            flat = self._script(
                keys=[self.prefix + key], args=[repr(now), repr(self.window), "1" if record else "0", member]
            )
        except self._errors as exc:
            raise LimiterUnavailable(f"attempt store unreachable ({type(exc).__name__})") from None
        times = [float(score) for score in flat[1::2]]
        return _summarise(times, now, self.limit, self.window)
