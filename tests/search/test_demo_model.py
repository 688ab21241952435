"""The demo catalogue with the real embedding model (skips when the model was never converted)."""

from __future__ import annotations

import pytest

from knowledge.search import ModelMismatch, get_searcher, load_searcher, reset_searcher
from knowledge.search.hybrid import Searcher
from tests.search.test_demo_index import DEMO_CASES, family_codes


@pytest.mark.parametrize(("question", "code"), DEMO_CASES.items())
def test_hybrid_finds_the_demo_procedures(demo_hybrid: Searcher, question, code):
    result = demo_hybrid.search(question)
    assert code in family_codes(result.hits[0])


@pytest.mark.parametrize(
    ("question", "code"),
    [("giấy tờ để đăng ký kết hôn", "1.000894"), ("xin cấp hộ chiếu", "1.001456"), ("khai tử", "1.000656")],
)
def test_dense_evidence_alone_finds_plain_questions(demo_hybrid: Searcher, question, code):
    assert code in family_codes(demo_hybrid.search(question, mode="dense").hits[0])


def test_index_built_with_another_model_is_refused(demo_env, model_spec, monkeypatch):
    """The demo_env index was built by the bag-of-syllables encoder, not the configured model."""
    monkeypatch.setenv("TTHC_EMBEDDING_MODEL", model_spec)
    with pytest.raises(ModelMismatch, match="bag-of-syllables"):
        load_searcher()
    assert load_searcher(with_dense=False).encoder is None  # lexical search still works


def test_get_searcher_is_loaded_once_until_reset(demo_model_env):
    reset_searcher()
    try:
        first = get_searcher()
        assert get_searcher() is first
        assert first.encoder is not None and first.index.stamp.model == first.encoder.name
        assert first.search("giấy chứng tử").hits[0].code == "1.000656"
        reset_searcher()
        assert get_searcher() is not first
    finally:
        reset_searcher()
