"""Searching a question while the assistant is still reading it.

A catalogue answer waits for Rasa to classify the message (NFC, tokens,
DIET: some 8 ms), to fetch the conversation, and only then to call the action
that searches. The search itself (mostly embedding the question, 7 to 9 ms on
2 cores) does not depend on any of that: it needs only the text. So the
channel hands the text over as soon as it arrives (``prefetch``), the search
runs on the other core in the meantime, and the action takes the finished
result (``search``). Measured by scripts/bench_rest.py; see the README.

Rules that keep this safe:

* A result is the one the wrapped searcher gives for that exact text; only the
  timing changes. Texts are compared after NFC and whitespace collapsing.
* ``search`` never waits for work that has not started: a queued prefetch is
  cancelled and the search is done at once in the caller's thread.
* A prefetch that failed is forgotten, and the search is done again (and fails
  again in the caller, where the error is handled).
* At most ``keep`` texts are remembered; follow-ups that repeat a question
  find it there.
* ``then``, if given, is called with each finished prefetch's result, after
  anyone waiting for that result has been released: the caller uses it to
  read ahead what the answer will need (the catalogue records of the hits).
  Whatever it does or raises never changes a result.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Optional, Protocol

log = logging.getLogger(__name__)

# Enough hits for any caller (the assistant shows at most 4 options); fewer are a slice.
AHEAD_TOP_K = 10
WAIT_SECONDS = 5.0


class _Searcher(Protocol):
    def search(self, query: str, top_k: int = 5) -> Any: ...


@dataclass
class AheadStats:
    prefetched: int = 0  # texts handed over before the question was asked
    answered_ahead: int = 0  # searches answered from earlier work: a prefetch, or the same text before
    searched: int = 0  # searches done in the caller's thread


def ahead_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()) if isinstance(text, str) else ""


class SearchAhead:
    """Wraps a searcher; ``prefetch(text)`` now makes ``search(text)`` cheap later."""

    def __init__(
        self,
        searcher: _Searcher,
        keep: int = 64,
        workers: int = 1,
        then: Optional[Callable[[Any], None]] = None,
    ):
        self.searcher = searcher
        self.keep = keep
        self._then = then
        self.stats = AheadStats()
        self._futures: OrderedDict[str, Future] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tthc-search-ahead")

    def __getattr__(self, name: str) -> Any:
        # analyse(), index, encoder...: everything else is the wrapped searcher's.
        return getattr(self.searcher, name)

    def prefetch(self, text: str) -> bool:
        """Start searching ``text`` in the background; False when it is empty or already known."""
        key = ahead_key(text)
        if not key:
            return False
        with self._lock:
            if key in self._futures:
                self._futures.move_to_end(key)
                return False
            future = self._pool.submit(self.searcher.search, key, AHEAD_TOP_K)
            self._remember(key, future)
            self.stats.prefetched += 1
        then = self._then
        if then is not None:
            # A done-callback runs once the result is set, so a waiting action is not held up by it.
            future.add_done_callback(lambda done: _follow_up(done, then))
        return True

    def search(self, query: str, top_k: int = 5) -> Any:
        """The wrapped searcher's result for ``query``, from a prefetch when there is one."""
        key = ahead_key(query)
        if top_k > AHEAD_TOP_K or not key:
            return self.searcher.search(query, top_k)
        future = self._claim(key)
        if future is not None:
            try:
                result = future.result(timeout=WAIT_SECONDS)
            except Exception:  # noqa: BLE001 - failed or timed out: searched again below, where errors surface
                with self._lock:
                    if self._futures.get(key) is future:
                        del self._futures[key]
            else:
                with self._lock:
                    self.stats.answered_ahead += 1
                return _first(result, top_k)
        result = self.searcher.search(key, AHEAD_TOP_K)
        done: Future = Future()
        done.set_result(result)
        with self._lock:
            self._remember(key, done)
            self.stats.searched += 1
        return _first(result, top_k)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _claim(self, key: str) -> Optional[Future]:
        """The prefetch of ``key`` if it is running or done; a queued one is cancelled instead."""
        with self._lock:
            future = self._futures.get(key)
            if future is None:
                return None
            self._futures.move_to_end(key)
            if future.cancel():  # still queued behind other prefetches: not worth the wait
                del self._futures[key]
                return None
            return future

    def _remember(self, key: str, future: Future) -> None:
        self._futures[key] = future
        while len(self._futures) > self.keep:
            self._futures.popitem(last=False)


def _follow_up(future: Future, then: Callable[[Any], None]) -> None:
    if future.cancelled() or future.exception() is not None:
        return
    try:
        then(future.result())
    except Exception:  # noqa: BLE001 - reading ahead is an optimisation; the answer reads again
        log.debug("Reading ahead after a prefetched search failed", exc_info=True)


def _first(result: Any, top_k: int) -> Any:
    hits = getattr(result, "hits", None)
    if hits is None or len(hits) <= top_k:
        return result
    return replace(result, hits=list(hits)[:top_k])
