"""Whatever a citizen pastes, search answers (maybe with nothing) and never raises."""

from __future__ import annotations

import time
import tracemalloc
import unicodedata

import pytest

from knowledge.search import SearchResult

NOTHING_TO_SEARCH = {
    "empty": "",
    "whitespace": "  \n\t\u00a0 ",
    "emoji": "🙂🙏🎉👍🏽",
    "punctuation": "?!…,;:()[]{}<>/\\|@#$%^&*-_=+~`'\"",
    "control characters": "\x00\x01\x1b\x07\x7f",
    "zero-width": "\u200b\u200c\u200d\ufeff",
}
ODD_BUT_TEXT = {
    "10,000 characters": ("hộ chiếu " * 1112)[:10_000],
    "one 10,000-letter word": "a" * 10_000,
    "mixed scripts": "护照 паспорт passport 여권",
    "decomposed (NFD)": unicodedata.normalize("NFD", "Đăng ký kết hôn cần giấy tờ gì?"),
    "SQL-looking": "'; DROP TABLE procedures; -- OR 1=1",
    "None as text": "None",
    "null": "null",
    "a code": "1.001456",
    "combining marks piled up": "h\u0301\u0300\u0303ộ chiếu" + "\u0301" * 50,
    "right-to-left": "جواز السفر hộ chiếu",
    "HTML": "<script>alert('x')</script> sổ đỏ",
    "numbers only": "123 456 7890",
    # Longer than int() reads (4,300 digits): must not reach it on the way to an age.
    "a 5,000-digit age": "9" * 5000 + " tuổi",
}
SEARCHERS = ["demo_searcher", "demo_hybrid", "full_searcher"]


@pytest.fixture(params=SEARCHERS)
def searcher(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("text", NOTHING_TO_SEARCH.values(), ids=NOTHING_TO_SEARCH.keys())
def test_nothing_to_search_gives_an_empty_unclear_result(searcher, text):
    result = searcher.search(text, top_k=3)
    assert isinstance(result, SearchResult)
    assert result.hits == [] and result.clear is False and result.confidence == 0.0


@pytest.mark.parametrize("text", ODD_BUT_TEXT.values(), ids=ODD_BUT_TEXT.keys())
def test_odd_text_gives_a_bounded_result(searcher, text):
    started = time.perf_counter()
    result = searcher.search(text, top_k=3)
    elapsed = time.perf_counter() - started
    assert isinstance(result, SearchResult)
    assert len(result.hits) <= 3
    assert isinstance(result.clear, bool) and 0.0 <= result.confidence <= 1.0
    assert all(isinstance(h.code, str) and h.code for h in result.hits)
    assert elapsed < 5.0  # bounded whatever the length


@pytest.mark.parametrize("value", [None, 42, b"bytes", ["hộ chiếu"]], ids=repr)
def test_non_text_is_treated_as_empty(searcher, value):
    result = searcher.search(value, top_k=3)
    assert result.hits == [] and result.clear is False


def test_decomposed_input_searches_like_composed(searcher):
    text = "Đăng ký kết hôn cần giấy tờ gì?"
    composed = searcher.search(text)
    decomposed = searcher.search(unicodedata.normalize("NFD", text))
    assert decomposed.query == composed.query
    assert [h.code for h in decomposed.hits] == [h.code for h in composed.hits]


def test_one_long_word_costs_little_memory(demo_searcher):
    """A pasted run of letters with no space is one token; searching it must stay cheap."""
    tracemalloc.start()
    try:
        result = demo_searcher.search("a" * 2_000, top_k=3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.hits) <= 3
    assert peak < 16 * 2**20
