"""SearchAhead: a search started early gives the same result, and never makes anyone wait longer."""

from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass, field

import pytest

from knowledge.search.ahead import AHEAD_TOP_K, SearchAhead


@dataclass(frozen=True)
class Result:
    query: str
    hits: list[str] = field(default_factory=list)


class RecordingSearcher:
    """Answers with numbered hits; records calls; holds back the ``held`` queries; can fail."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.held: set[str] = set()
        self.release = threading.Event()
        self.started = threading.Event()
        self.failures = 0

    def search(self, query: str, top_k: int = 5) -> Result:
        self.calls.append((query, top_k))
        self.started.set()
        if query in self.held:
            self.release.wait(10)
        if self.failures:
            self.failures -= 1
            raise RuntimeError("index unavailable")
        return Result(query, [f"{query}#{i}" for i in range(top_k)])

    def analyse(self, query: str) -> str:
        return query.upper()


@pytest.fixture
def inner() -> RecordingSearcher:
    return RecordingSearcher()


@pytest.fixture
def ahead(inner: RecordingSearcher):
    wrapper = SearchAhead(inner, keep=3)
    yield wrapper
    inner.release.set()
    wrapper.close()


def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_prefetched_search_is_not_done_twice(ahead: SearchAhead, inner: RecordingSearcher):
    assert ahead.prefetch("lệ phí đăng ký kết hôn")
    wait_for(lambda: len(inner.calls) == 1)
    result = ahead.search("lệ phí đăng ký kết hôn", top_k=5)
    assert result == Result("lệ phí đăng ký kết hôn", [f"lệ phí đăng ký kết hôn#{i}" for i in range(5)])
    assert inner.calls == [("lệ phí đăng ký kết hôn", AHEAD_TOP_K)]
    assert (ahead.stats.prefetched, ahead.stats.answered_ahead, ahead.stats.searched) == (1, 1, 0)


def test_the_asker_waits_for_a_search_already_running(ahead: SearchAhead, inner: RecordingSearcher):
    inner.held.add("làm hộ chiếu")
    ahead.prefetch("làm hộ chiếu")
    assert inner.started.wait(5)
    threading.Timer(0.05, inner.release.set).start()
    assert ahead.search("làm hộ chiếu").query == "làm hộ chiếu"
    assert len(inner.calls) == 1


def test_a_queued_prefetch_is_cancelled_rather_than_waited_for(ahead: SearchAhead, inner: RecordingSearcher):
    inner.held.add("first question")
    ahead.prefetch("first question")
    assert inner.started.wait(5)  # the only worker is now busy with it, until released
    ahead.prefetch("second question")  # queued behind it
    result = ahead.search("second question")  # would hang until the release if it waited
    assert result.query == "second question"
    assert ahead.stats.searched == 1 and not inner.release.is_set()
    assert ("second question", AHEAD_TOP_K) in inner.calls


def test_without_a_prefetch_the_search_is_done_then_remembered(ahead: SearchAhead, inner: RecordingSearcher):
    first = ahead.search("đăng ký khai sinh", top_k=3)
    again = ahead.search("đăng ký khai sinh", top_k=5)
    assert len(first.hits) == 3 and len(again.hits) == 5
    assert inner.calls == [("đăng ký khai sinh", AHEAD_TOP_K)]
    assert (ahead.stats.searched, ahead.stats.answered_ahead) == (1, 1)


def test_texts_match_after_nfc_and_whitespace(ahead: SearchAhead, inner: RecordingSearcher):
    ahead.prefetch(unicodedata.normalize("NFD", "giấy  chứng tử "))
    wait_for(lambda: len(inner.calls) == 1)
    ahead.search("giấy chứng tử")
    assert len(inner.calls) == 1 and ahead.stats.answered_ahead == 1


def test_a_failed_prefetch_is_searched_again(ahead: SearchAhead, inner: RecordingSearcher):
    inner.failures = 1
    ahead.prefetch("cấp lại căn cước")
    wait_for(lambda: len(inner.calls) == 1)
    assert ahead.search("cấp lại căn cước").query == "cấp lại căn cước"
    assert len(inner.calls) == 2


def test_a_failing_search_still_raises_in_the_caller(ahead: SearchAhead, inner: RecordingSearcher):
    inner.failures = 2
    ahead.prefetch("x")
    wait_for(lambda: len(inner.calls) == 1)
    with pytest.raises(RuntimeError, match="index unavailable"):
        ahead.search("x")


def test_only_the_latest_texts_are_kept(ahead: SearchAhead, inner: RecordingSearcher):
    for text in ("a", "b", "c", "d"):
        ahead.search(text)
    ahead.search("a")  # forgotten (keep=3): searched again
    ahead.search("d")  # still there
    assert [query for query, _ in inner.calls] == ["a", "b", "c", "d", "a"]


def test_odd_requests_go_straight_to_the_searcher(ahead: SearchAhead, inner: RecordingSearcher):
    assert not ahead.prefetch("")
    assert not ahead.prefetch("   ")
    assert not ahead.prefetch(None)  # type: ignore[arg-type]
    assert ahead.search("hộ khẩu", top_k=AHEAD_TOP_K + 5).hits[-1] == f"hộ khẩu#{AHEAD_TOP_K + 4}"
    assert ahead.search("").query == ""
    assert ahead.analyse("abc") == "ABC"  # everything else is the wrapped searcher's
    assert ahead.stats.prefetched == 0


def test_with_the_real_searcher_results_are_identical(demo_searcher):
    """Same hits, scores and clarity as the searcher it wraps, whether prefetched or not."""
    wrapper = SearchAhead(demo_searcher)
    questions = ["lệ phí đăng ký kết hôn là bao nhiêu", "lam ho chieu mat bao lau", "xin chào"]
    try:
        for text in questions[:2]:
            wrapper.prefetch(text)
        for text in questions:
            assert wrapper.search(text, top_k=4) == demo_searcher.search(text, top_k=4)
    finally:
        wrapper.close()


def test_a_finished_prefetch_is_handed_to_the_follow_up(inner: RecordingSearcher):
    seen: list[Result] = []
    wrapper = SearchAhead(inner, then=seen.append)
    try:
        wrapper.prefetch("cấp hộ chiếu")
        wait_for(lambda: len(seen) == 1)
        assert seen[0] == inner.search("cấp hộ chiếu", AHEAD_TOP_K)
        assert wrapper.search("cấp hộ chiếu").query == "cấp hộ chiếu"
        assert len(seen) == 1  # a search answered from the prefetch is not followed up again
    finally:
        wrapper.close()


def test_a_failing_follow_up_changes_no_result(inner: RecordingSearcher):
    calls: list[str] = []

    def failing(result: Result) -> None:
        calls.append(result.query)
        raise RuntimeError("catalogue closed")

    wrapper = SearchAhead(inner, then=failing)
    try:
        wrapper.prefetch("đăng ký kết hôn")
        wait_for(lambda: calls == ["đăng ký kết hôn"])
        assert wrapper.search("đăng ký kết hôn", top_k=2).hits == ["đăng ký kết hôn#0", "đăng ký kết hôn#1"]
        assert wrapper.stats.answered_ahead == 1 and wrapper.stats.searched == 0
    finally:
        wrapper.close()


def test_a_failed_prefetch_is_not_followed_up(inner: RecordingSearcher):
    seen: list[Result] = []
    inner.failures = 1
    wrapper = SearchAhead(inner, then=seen.append)
    try:
        wrapper.prefetch("khai sinh")
        wait_for(lambda: inner.calls)
        time.sleep(0.05)
        assert seen == []
    finally:
        wrapper.close()
