"""Index build/load and the searcher's contract, on the demo catalogue (hermetic, no model needed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from knowledge.catalogue.store import CatalogueStore
from knowledge.search import IndexNotBuilt, Searcher, load_searcher
from knowledge.search.fusion import FEATURES
from knowledge.search.hybrid import MAX_OPTIONS, SearchResult
from knowledge.search.index import INDEX_VERSION, build_index, index_dir, is_stale, load_index, read_stamp
from tests.search.conftest import DEMO_COUNT, BagOfSyllables, import_demo

PASSPORT_FAMILY = {"1.001456", "1.001471"}  # the demo's one family at two levels (tỉnh, bộ)

# Question -> the demo procedure it is about. Everyday wording, with and without diacritics.
DEMO_CASES = {
    "lam ho chieu het bao nhieu": "1.001456",
    "nhập hộ khẩu về nhà chồng": "1.004222",
    "nhap ho khau ve nha chong": "1.004222",
    "giấy chứng tử nộp ở đâu": "1.000656",
    "phiếu lý lịch tư pháp": "3.000333",
    "xin LLTP mất mấy ngày": "3.000333",
    "đăng ký khai sinh cho con": "1.001193",
    "dang ky ket hon can giay to gi": "1.000894",
    "làm căn cước lần đầu": "2.000200",
    "xin phép xây nhà ở riêng lẻ": "1.013225",
}


def family_codes(hit) -> set[str]:
    return {hit.code, *hit.variants}


# ------------------------------------------------------------------ build / load


def test_build_writes_a_stamped_index(demo_data, demo_index):
    stamp = demo_index.stamp
    assert stamp.count == DEMO_COUNT == len(demo_index.entries)
    assert stamp.model == BagOfSyllables.name and stamp.version == INDEX_VERSION
    assert stamp.catalogue == CatalogueStore(demo_data.db).fingerprint()
    assert read_stamp(demo_data.index) == stamp
    assert {e.code for e in demo_index.entries} >= PASSPORT_FAMILY
    assert demo_index.lexical.codes == demo_index.dense.codes == [e.code for e in demo_index.entries]
    leftovers = [p.name for p in demo_data.root.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no staging directory left behind


def test_default_index_dir_follows_tthc_data_dir(demo_env):
    assert index_dir() == demo_env.index
    assert load_index().stamp == read_stamp(demo_env.index)
    searcher = load_searcher(with_dense=False)
    assert searcher.encoder is None and searcher.search("hộ chiếu").hits[0].code in PASSPORT_FAMILY


def test_staleness_follows_catalogue_model_and_presence(demo_data, tmp_path):
    store = CatalogueStore(demo_data.db)
    assert not is_stale(store, BagOfSyllables.name, demo_data.index)
    assert is_stale(store, "another-model", demo_data.index)
    assert is_stale(store, BagOfSyllables.name, tmp_path / "no-index")
    other = tmp_path / "other-catalogue"
    other_store = import_demo(other)
    other_store.close()
    # Same content imported again: same fingerprint, so still fresh.
    assert not is_stale(CatalogueStore(other / "catalogue.sqlite3"), BagOfSyllables.name, demo_data.index)


def test_missing_or_damaged_index_says_how_to_fix_it(demo_data, tmp_path):
    with pytest.raises(IndexNotBuilt, match="tthc index build"):
        load_index(tmp_path / "nothing-here")
    damaged = tmp_path / "index"
    shutil.copytree(demo_data.index, damaged)
    (damaged / "catalogue.json").write_text("[{", encoding="utf-8")
    with pytest.raises(IndexNotBuilt, match="tthc index build"):
        load_index(damaged)
    mismatched = tmp_path / "mismatched"
    shutil.copytree(demo_data.index, mismatched)
    entries = json.loads((mismatched / "catalogue.json").read_text(encoding="utf-8"))
    (mismatched / "catalogue.json").write_text(json.dumps(entries[1:], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IndexNotBuilt):
        load_index(mismatched)


class FailingEncoder(BagOfSyllables):
    name = "failing"

    def encode_passages(self, texts: list[str]):
        raise RuntimeError("model crashed")


def test_a_failed_build_keeps_the_previous_index(demo_data, tmp_path):
    directory = tmp_path / "index"
    shutil.copytree(demo_data.index, directory)
    before = (directory / "stamp.json").read_text(encoding="utf-8")
    with pytest.raises(RuntimeError, match="model crashed"):
        build_index(CatalogueStore(demo_data.db), FailingEncoder(), directory=directory)
    assert (directory / "stamp.json").read_text(encoding="utf-8") == before
    assert load_index(directory).stamp.count == DEMO_COUNT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_a_rebuild_replaces_the_index(demo_data, tmp_path):
    directory = tmp_path / "index"
    shutil.copytree(demo_data.index, directory)
    (directory / "marker").write_text("old", encoding="utf-8")
    stamp = build_index(CatalogueStore(demo_data.db), BagOfSyllables(), directory=directory)
    assert not (directory / "marker").exists()
    assert read_stamp(directory) == stamp


def test_an_empty_catalogue_is_refused(tmp_path: Path):
    from knowledge.catalogue.store import write_catalogue

    write_catalogue([], tmp_path / "empty.sqlite3", {})
    with pytest.raises(ValueError, match="rỗng"):
        build_index(CatalogueStore(tmp_path / "empty.sqlite3"), BagOfSyllables(), directory=tmp_path / "i")
    assert not (tmp_path / "i").exists()


# ----------------------------------------------------------------- searching


@pytest.mark.parametrize(("question", "code"), DEMO_CASES.items())
def test_demo_questions_find_their_procedure(demo_searcher: Searcher, question, code):
    result = demo_searcher.search(question)
    assert result.hits, question
    assert code in family_codes(result.hits[0])


def test_levels_of_one_procedure_collapse_into_one_hit(demo_searcher: Searcher):
    result = demo_searcher.search("cấp hộ chiếu phổ thông ở trong nước", top_k=9)
    passport = [h for h in result.hits if family_codes(h) & PASSPORT_FAMILY]
    assert len(passport) == 1
    hit = passport[0]
    assert family_codes(hit) == PASSPORT_FAMILY and hit.code not in hit.variants
    assert sorted(hit.levels) == ["bộ", "tỉnh"]
    # tied members: the level nearest the citizen represents the family
    assert hit.code == "1.001456"


@pytest.mark.parametrize("question", ["đăng ký", "cấp giấy", "thủ tục hành chính cho công dân", "hộ chiếu"])
def test_no_two_hits_share_a_family(demo_searcher: Searcher, question):
    hits = demo_searcher.search(question, top_k=20).hits
    families = [h.family for h in hits]
    assert len(families) == len(set(families))
    codes = [c for h in hits for c in family_codes(h)]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("top_k", [1, 2, 3, 5, 8, 50])
def test_top_k_is_respected_and_scores_descend(demo_searcher: Searcher, top_k):
    result = demo_searcher.search("đăng ký cấp giấy", top_k=top_k)
    assert 1 <= len(result.hits) <= top_k
    assert len(result.hits) <= DEMO_COUNT - 1  # the passport family counts once
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0 and all(0.0 <= s <= 1.0 for s in scores)


def test_nonsense_top_k_is_clamped(demo_searcher: Searcher):
    assert len(demo_searcher.search("đăng ký", top_k=0).hits) == 1
    assert len(demo_searcher.search("đăng ký", top_k=-5).hits) == 1


def test_top_1_does_not_change_clarity(demo_searcher: Searcher):
    """Clarity compares the first hit with the next ones, however few the caller asked for."""
    for question in ["đăng ký", "dang ky ket hon", "hộ chiếu"]:
        one, five = demo_searcher.search(question, top_k=1), demo_searcher.search(question, top_k=5)
        assert (one.clear, one.confidence) == (five.clear, five.confidence)
        assert one.hits[0] == five.hits[0]


def test_vague_question_is_not_clear_and_leaves_options(demo_searcher: Searcher):
    result = demo_searcher.search("đăng ký", top_k=MAX_OPTIONS)
    assert result.clear is False
    assert 2 <= len(result.hits) <= MAX_OPTIONS


def test_clear_follows_confidence(demo_searcher: Searcher):
    threshold = demo_searcher.settings.clear_confidence
    for question in [*DEMO_CASES, "đăng ký", "cấp", "thủ tục"]:
        result = demo_searcher.search(question)
        assert isinstance(result, SearchResult)
        assert 0.0 <= result.confidence <= 1.0
        assert result.clear == (
            result.confidence >= threshold
            and demo_searcher.specificity(question) >= demo_searcher.settings.clear_specificity
        )


def test_aspect_only_follow_up_finds_nothing(demo_searcher: Searcher):
    result = demo_searcher.search("còn lệ phí thì sao?")
    assert result.hits == [] and result.clear is False and result.confidence == 0.0


def test_result_query_is_the_normalised_question(demo_searcher: Searcher):
    assert demo_searcher.search("  Làm HỘ CHIẾU hết bao nhiêu?? ").query == "làm hộ chiếu hết bao nhiêu"


def test_a_text_is_analysed_once_for_every_caller(demo_index, monkeypatch):
    """The action asks whether a message names a procedure, then searches it: one analysis."""
    import knowledge.search.hybrid as hybrid

    calls: list[str] = []
    real = hybrid.analyse
    monkeypatch.setattr(hybrid, "analyse", lambda text, *args: calls.append(text) or real(text, *args))
    searcher = Searcher(demo_index, None)
    first = searcher.analyse("nhap ho khau ve nha chong")
    searcher.search("nhap ho khau ve nha chong")
    assert searcher.analyse("nhap ho khau ve nha chong") is first
    assert calls == ["nhap ho khau ve nha chong"]
    searcher.analyse(None)  # type: ignore[arg-type]  (odd input is read as empty text)
    assert calls[-1] == ""


def test_lexical_and_dense_modes(demo_index):
    """With any encoder (here the bag of syllables) each mode ranks on its own evidence."""
    searcher = Searcher(demo_index, BagOfSyllables())
    for mode in ("hybrid", "lexical", "dense"):
        hit = searcher.search("đăng ký kết hôn", mode=mode).hits[0]
        assert hit.code == "1.000894", mode
    lexical_only = Searcher(demo_index, None)
    assert lexical_only.search("đăng ký kết hôn", mode="dense").hits == []  # no model, no dense evidence


def test_every_fusion_feature_is_computed_for_every_candidate(demo_searcher):
    """The rankings give four features and the title comparison the rest: none is left at zero by omission."""
    query = demo_searcher.analyse("làm lại căn cước bị mất")
    candidates = demo_searcher.candidates(query)
    computed = set(demo_searcher._title_features(query, candidates.positions.tolist()))
    assert computed | {"lexical", "lexical_rank", "dense", "dense_rank"} == set(FEATURES)
    assert candidates.features.shape == (candidates.positions.size, len(FEATURES))
