"""Regression cases on the national catalogue (``var/index`` built by scripts/prepare.sh).

Each case is a common question whose answer is beyond doubt; a hit counts when
the expected code is the first hit or one of its level variants. They skip when
``var/index`` is missing or holds only the demo catalogue (see conftest).
"""

from __future__ import annotations

import pytest

from knowledge.search import Searcher
from knowledge.search.hybrid import MAX_OPTIONS

PASSPORT = {"1.001456", "1.001471"}  # Cấp hộ chiếu phổ thông ở trong nước (tỉnh, trung ương)

# question -> (acceptable codes, words the first hit's title must contain)
CASES = {
    "lam ho chieu het bao nhieu": (PASSPORT, "hộ chiếu phổ thông"),
    "passport làm ở đâu": (PASSPORT, "hộ chiếu phổ thông"),
    "nhập hộ khẩu về nhà chồng": ({"1.004222"}, "đăng ký thường trú"),
    "đăng ký tạm trú": ({"1.004194"}, "đăng ký tạm trú"),
    "giấy chứng tử": ({"1.000656"}, "đăng ký khai tử"),
    "đổi GPLX": ({"3.000347"}, "đổi giấy phép lái xe"),
    "đổi bằng lái xe": ({"3.000347"}, "đổi giấy phép lái xe"),
    "đăng ký kết hôn": ({"1.000894"}, "đăng ký kết hôn"),
    "dang ky ket hon": ({"1.000894"}, "đăng ký kết hôn"),
    "phiếu lý lịch tư pháp": ({"3.000333"}, "lý lịch tư pháp"),
    "đăng ký khai sinh": ({"1.001193"}, "đăng ký khai sinh"),
    "giấy độc thân": ({"1.004873"}, "xác nhận tình trạng hôn nhân"),
    "lam lai cccd bi mat": ({"1.014064", "1.000757", "2.001194"}, "cấp lại thẻ căn cước"),
    # A lost paper is a copy from the civil registry's book, not a new registration.
    "làm lại giấy khai sinh bị mất cần gì": ({"2.000635"}, "bản sao giấy khai sinh"),
    "mất giấy đăng ký kết hôn": ({"2.000635", "1.004746"}, ""),
    # The age decides between the two age groups of one card (``ages``).
    "làm căn cước cho cháu 16 tuổi": ({"1.014061"}, "từ đủ 14 tuổi trở lên"),
    "lam can cuoc cho be 8 tuoi": ({"1.014062"}, "dưới 14 tuổi"),
    # First time, no age, no child: an adult's first card, not "Cấp lại" nor the under-14 card.
    "lam cccd gan chip lan dau lau khong": ({"1.014061", "2.000200", "1.001247"}, "từ đủ 14 tuổi trở lên"),
    # Transferring a land title to one's child is the change registration that lists "tặng cho".
    "sang ten so do cho con": ({"1.013831"}, "đăng ký biến động"),
    # The learner's licence, not a permit for the testing centre.
    "thi bằng lái ô tô b2": ({"3.000346"}, "cấp giấy phép lái xe"),
    "làm sổ tạm trú": ({"1.004194"}, "đăng ký tạm trú"),
    # A title that starts with the action the question asks for ("cải chính") beats a neutral one.
    "cai chinh ngay sinh trong giay khai sinh bi sai": ({"1.004859"}, "cải chính"),
    # Twin titles share their rank evidence, so the people's one wins over the organisations'.
    "sổ đỏ lần đầu": ({"1.013978"}, "hộ gia đình, cá nhân"),
    "gộp sổ bảo hiểm xã hội": ({"1.002759"}, "sổ bhxh"),
    "chứng thực bản sao sổ hộ khẩu": ({"2.000815"}, "chứng thực bản sao từ bản chính"),
    # "mất" inside "mất mấy ngày" asks about time, not for a re-issue ("Cấp lại …").
    # "đóng mã số thuế" opens the question; "mã số thuế cá nhân" overlapping it is not read.
    "dong ma so thue ca nhan": ({"1.007607"}, "chấm dứt hiệu lực mã số thuế"),
    "dang ky ho kinh doanh mat may ngay": ({"1.001612"}, "đăng ký thành lập hộ kinh doanh"),
}


def codes_of(hit) -> set[str]:
    return {hit.code, *hit.variants}


@pytest.mark.parametrize(("question", "expected"), CASES.items(), ids=list(CASES))
def test_common_question_finds_its_procedure_first(full_searcher: Searcher, question, expected):
    codes, title_words = expected
    result = full_searcher.search(question, top_k=5)
    assert result.hits, question
    first = result.hits[0]
    assert codes & codes_of(first), f"{question!r} -> {[(h.code, h.name) for h in result.hits]}"
    assert title_words in first.name.lower()


@pytest.mark.parametrize("question", ["lam ho chieu het bao nhieu", "giấy độc thân"])
def test_unmistakable_questions_are_clear(full_searcher: Searcher, question):
    result = full_searcher.search(question)
    assert result.clear is True
    assert result.confidence >= full_searcher.settings.clear_confidence


@pytest.mark.parametrize(
    "question", ["đăng ký", "xin giấy phép", "cấp lại", "đổi giấy phép", "xin giấy chứng nhận"]
)
def test_vague_questions_are_not_clear_and_offer_options(full_searcher: Searcher, question):
    """Words found in hundreds of titles ("cấp lại", "giấy phép") are no answer, however the ranking falls."""
    result = full_searcher.search(question, top_k=MAX_OPTIONS)
    assert full_searcher.specificity(question) < full_searcher.settings.clear_specificity
    assert result.clear is False
    assert len(result.hits) == MAX_OPTIONS


@pytest.mark.parametrize("question", ["còn lệ phí thì sao?", "nộp ở đâu ạ", "mất bao lâu"])
def test_follow_ups_without_a_procedure_find_nothing(full_searcher: Searcher, question):
    result = full_searcher.search(question)
    assert result.hits == [] and result.clear is False


def test_passport_family_is_one_hit_with_both_levels(full_searcher: Searcher, full_index):
    hits = full_searcher.search("cấp hộ chiếu phổ thông ở trong nước", top_k=10).hits
    passport = [h for h in hits if codes_of(h) & PASSPORT]
    assert len(passport) == 1
    assert codes_of(passport[0]) >= PASSPORT
    assert {"tỉnh", "bộ"} <= set(passport[0].levels)


@pytest.mark.parametrize(
    "question", ["trình báo mất hộ chiếu", "cấp lại thẻ căn cước", "đăng ký", "lam giay phep lai xe"]
)
def test_hits_stand_for_whole_families(full_searcher: Searcher, full_index, question):
    """Variants are the other levels of the same procedure, and no family appears twice."""
    by_code = {entry.code: entry for entry in full_index.entries}
    hits = full_searcher.search(question, top_k=10).hits
    assert 1 <= len(hits) <= 10
    assert len({h.family for h in hits}) == len(hits)
    for hit in hits:
        members = [by_code[c] for c in [hit.code, *hit.variants]]
        assert hit.code not in hit.variants
        assert {m.family for m in members} == {hit.family}
        assert set(hit.levels) == {level for m in members for level in m.levels}
        family_size = sum(1 for entry in full_index.entries if entry.family == hit.family)
        assert len(members) == family_size
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_some_family_in_the_catalogue_has_level_variants(full_searcher: Searcher):
    """Guards the test above from passing vacuously: level variants do come back."""
    hits = full_searcher.search("trình báo mất hộ chiếu", top_k=3).hits
    assert any(len(h.variants) >= 1 and len(h.levels) >= 2 for h in hits)


@pytest.mark.parametrize("top_k", [1, 3, 7, 20])
def test_top_k_is_respected(full_searcher: Searcher, top_k):
    hits = full_searcher.search("cấp giấy phép", top_k=top_k).hits
    assert len(hits) == top_k


def test_each_baseline_still_answers(full_searcher: Searcher):
    for mode in ("lexical", "dense"):
        first = full_searcher.search("đăng ký kết hôn", mode=mode).hits[0]
        assert "kết hôn" in first.name.lower(), mode


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("khiếu lại quyết định xử phạt", "khiếu nại"),  # l/n
        ("đăng ký tuyển trọn nghĩa vụ công an", "tuyển chọn"),  # ch/tr
        ("sang tên cần dấy tờ gì", "giấy tờ"),  # d/gi
        ("chuyển mục đích sư dụng đất", "sử dụng"),  # a wrong mark on a real syllable
        ("hoj chieeus lamf online", "hộ chiếu"),  # Telex with the input method off
        ("mất cà vẹc xe làm lại ở đâu", "chứng nhận đăng ký xe"),  # a slip inside a colloquial term
        ("giấy phép lái xe bị mấc", "bị mất"),  # the typed marks of a misspelt syllable count
    ],
)
def test_slips_are_read_as_the_catalogue_words_they_stand_for(full_searcher: Searcher, typed, read):
    assert read in " ".join(full_searcher.analyse(typed).restored)


@pytest.mark.parametrize(
    "typed",
    [
        "cấp lại giấy phép lái xe",
        "xin giấy xác nhận tình trạng hôn nhân",
        "đăng ký tạm trú cho người thuê nhà",
    ],
)
def test_words_typed_right_stay_as_typed(full_searcher: Searcher, typed):
    analysed = full_searcher.analyse(typed)
    assert [r for r, t in zip(analysed.restored, analysed.tokens, strict=True) if r != t] == []
