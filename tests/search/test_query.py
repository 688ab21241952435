"""Question analysis: aspect-only follow-ups, aspect phrases kept whole, diacritics put back."""

from __future__ import annotations

import pytest
from answers.builders import procedure

from knowledge.search import query_has_procedure
from knowledge.search.aliases import AliasLexicon
from knowledge.search.diacritics import DiacriticRestorer
from knowledge.search.documents import language_texts
from knowledge.search.index import build_restorer
from knowledge.search.query import MAX_TOKENS, accent_share, analyse, read_telex
from knowledge.search.querywords import everyday_phrases
from knowledge.search.telex import decode_telex
from knowledge.text import normalise


@pytest.mark.parametrize(
    "text",
    [
        "còn lệ phí thì sao?",
        "nộp ở đâu?",
        "con le phi thi sao",
        "mất bao lâu ạ",
        "cần giấy tờ gì",
        "can giay to gi",
        "can nhung giay to gi",
        "cảm ơn nhiều",
        "xin chào",
        "ok",
        "",
    ],
)
def test_aspect_only_follow_ups_name_no_procedure(text):
    assert query_has_procedure(text) is False


@pytest.mark.parametrize(
    "text",
    ["lam ho chieu het bao nhieu", "nhập hộ khẩu về nhà chồng", "giấy chứng tử", "đổi GPLX", "CCCD"],
)
def test_questions_naming_a_procedure(text):
    assert query_has_procedure(text) is True


def test_follow_ups_without_diacritics_read_with_the_loaded_searcher(monkeypatch, demo_searcher):
    """Single bare words ("co", "nop") only match once diacritics are put back."""
    import knowledge.search as search

    monkeypatch.setattr(search, "_searcher", demo_searcher)
    assert query_has_procedure("co nop online duoc khong") is False
    assert query_has_procedure("ho chieu co nop online duoc khong") is True


@pytest.mark.parametrize("value", [None, 42, b"ho chieu", ["hộ chiếu"]])
def test_non_text_names_no_procedure(value):
    assert query_has_procedure(value) is False


def test_aspect_words_are_minor_and_left_out_of_the_dense_text():
    query = analyse("làm hộ chiếu hết bao nhiêu tiền ạ")
    assert query.tokens[:5] == ("cấp", "hộ", "chiếu", "phổ", "thông")
    minor = dict(zip(query.tokens, query.minor, strict=True))
    assert minor["hộ"] is False and minor["tiền"] is True and minor["ạ"] is True
    assert query.dense_text == "cấp hộ chiếu phổ thông"
    assert len(query.weights) == len(query.tokens) == len(query.restored)


@pytest.mark.parametrize(
    ("question", "reissue"),
    [
        ("ba em mất ở nhà thì làm khai tử cần giấy gì", False),  # died
        ("ba em mat o nha thi lam khai tu can giay gi", False),  # died, typed bare
        ("bố mất thì được hưởng chế độ tử tuất gì", False),
        ("mẹ mất căn cước ở chợ", True),  # lost
        ("mất giấy chứng tử", True),  # the paper is lost, though it is about a death
    ],
)
def test_lost_means_died_when_the_question_is_about_a_death(question, reissue):
    """ "mất" is "lost" (a re-issue, "cấp lại") or "died"; words of death ("khai tử") decide."""
    tokens = analyse(question, restorer=DiacriticRestorer.from_texts(SENTENCES)).tokens
    assert ("lại" in tokens) is reissue  # "cấp lại" read into the question


def test_chat_shorthand_is_read_as_the_words_it_stands_for():
    """ "đktt cho vk ntn, hs gồm gì": a residence question; the rest asks how, what papers, for whom."""
    query = analyse("đktt cho vk ntn hs gồm gì")
    assert query.tokens[:4] == ("đăng", "ký", "thường", "trú")
    minor = dict(zip(query.tokens, query.minor, strict=True))
    assert minor["vk"] and minor["ntn"] and minor["hs"]
    assert query.dense_text == "đăng ký thường trú"


def test_lost_inside_an_aspect_phrase_is_not_lost():
    """ "mất" alone means lost (-> cấp lại); in "mất bao lâu" it asks about time."""
    lost = analyse("mất hộ chiếu")
    assert "cấp" in lost.tokens and "lại" in lost.tokens
    duration = analyse("làm hộ chiếu mất bao lâu")
    assert "lại" not in duration.tokens
    assert duration.tokens[-3:] == ("mất", "bao", "lâu")


def test_aspect_phrases_are_marked_word_by_word():
    """The action prior reads cue words outside aspect phrases only ("mất mấy ngày" asks no re-issue)."""
    query = analyse("dang ky ho kinh doanh mat may ngay")
    aspect = dict(zip(query.tokens, query.aspect, strict=True))
    assert aspect["mat"] is aspect["may"] is aspect["ngay"] is True
    assert aspect["kinh"] is False and aspect["dang"] is False
    lost = analyse("mất cà vẹt xe làm lại ở đâu")
    assert not any(flag for token, flag in zip(lost.tokens, lost.aspect, strict=True) if token == "mất")


def test_accent_share():
    assert accent_share(["ho", "chieu"]) == 0.0
    assert accent_share(["hộ", "chiếu"]) == 1.0
    assert 0.0 < accent_share(["hộ", "chieu", "pho", "thong"]) < 1.0
    assert accent_share([]) == 0.0


def test_long_text_is_capped():
    query = analyse("giấy tờ " + "hộ chiếu " * 5000)
    assert len(query.tokens) <= MAX_TOKENS * 3  # aliases may lengthen a capped question, boundedly


# ------------------------------------------------------------ diacritics

SENTENCES = [
    "Cấp hộ chiếu phổ thông ở trong nước",
    "Đăng ký khai sinh cho trẻ em",
    "Đăng ký kết hôn",
    "Cấp hộ chiếu phổ thông",
    "Hồ sơ đăng ký thường trú",
    "Họ và tên người đăng ký",
    "Làm thủ tục cấp lại",
] * 3


@pytest.fixture(scope="module")
def restorer() -> DiacriticRestorer:
    return DiacriticRestorer.from_texts(SENTENCES)


def test_restorer_puts_diacritics_back_from_context(restorer):
    assert restorer.restore(normalise("lam ho chieu").split()) == ["làm", "hộ", "chiếu"]
    assert restorer.restore(normalise("ho va ten").split()) == ["họ", "và", "tên"]
    assert restorer.restore(normalise("dang ky ket hon").split()) == ["đăng", "ký", "kết", "hôn"]


def test_restorer_keeps_typed_diacritics_and_unknown_words(restorer):
    assert restorer.restore(["hồ", "chieu"]) == ["hồ", "chiếu"]  # the citizen's "hồ" is kept as typed
    assert restorer.restore(["xyzzy", "123"]) == ["xyzzy", "123"]
    assert restorer.restore([]) == []


def test_restorer_round_trips_through_its_file(restorer, tmp_path):
    path = tmp_path / "diacritics.json.gz"
    restorer.save(path)
    again = DiacriticRestorer.load(path)
    question = normalise("cap ho chieu pho thong o trong nuoc").split()
    assert again.restore(question) == restorer.restore(question)
    assert again.restore(question) == normalise("cấp hộ chiếu phổ thông ở trong nước").split()


def test_a_wrongly_marked_syllable_is_re_read_like_a_bare_one(restorer):
    """ "tuôi" is no spelling the catalogue has; "tuổi" is (a typo, not a new word)."""
    typo_restorer = DiacriticRestorer.from_texts([*SENTENCES, "Cấp thẻ cho người đủ 14 tuổi"] * 3)
    assert typo_restorer.restore(["người", "14", "tuôi"]) == ["người", "14", "tuổi"]
    query = analyse("thẻ cho người 14 tuôi", restorer=typo_restorer)
    assert "tuổi" in query.restored
    assert query.tokens[-1] == "tuôi"  # what the citizen typed is kept beside the reading


def test_the_marks_of_a_typo_still_count():
    """ "tuôi" is no spelling; of its letters' spellings, "tuổi" keeps the typed ô and "tươi" does not."""
    texts = ["Người đủ 14 tuổi"] * 3 + ["Thực phẩm tươi sống"] * 6
    restorer = DiacriticRestorer.from_texts(texts)
    assert restorer.restore(["tuôi"]) == ["tuổi"]
    assert restorer.restore(["tuoi"]) == ["tươi"]  # typed bare, only frequency speaks


def test_a_typo_of_the_final_keeps_its_typed_vowel_when_context_agrees():
    """ "bị mấc": "mắc" has the letters but another vowel mark; "mất" has the marks but another
    final (t/c). With "bị mất" far more usual, the marks tip it."""
    texts = ["Cấp lại hộ chiếu bị mất"] * 200 + ["Người bị mắc bệnh"] * 2
    restorer = DiacriticRestorer.from_texts(texts)
    assert restorer.restore(["hộ", "chiếu", "bị", "mấc"]) == ["hộ", "chiếu", "bị", "mất"]
    assert restorer.restore(["người", "bị", "mắc"]) == ["người", "bị", "mắc"]  # a known spelling stays


def test_a_typed_spelling_yields_only_to_strong_context():
    """Noisy channel: "sư dụng" is a slip for "sử dụng" (a bigram the catalogue uses);
    a typed spelling with no such evidence against it stays as typed."""
    texts = ["Chuyển mục đích sử dụng đất", "Giấy chứng nhận quyền sử dụng đất", "Thầy sư trụ trì chùa"] * 3
    noisy = DiacriticRestorer.from_texts(texts)
    assert noisy.restore(["mục", "đích", "sư", "dụng", "đất"]) == ["mục", "đích", "sử", "dụng", "đất"]
    assert noisy.restore(["sư"]) == ["sư"]  # alone, nothing says it is wrong
    assert noisy.restore(["thầy", "sư"]) == ["thầy", "sư"]
    assert noisy.restore(["quyền", "sử", "dụng"]) == ["quyền", "sử", "dụng"]


def test_frequency_alone_does_not_overrule_a_typed_spelling():
    """ "thi đậu" (passed the exam): "đầu" is a thousand times commoner in the catalogue, but
    no bigram says "thi đầu", so the citizen's spelling stays (slips that a bigram contradicts are
    still read back: ``test_a_typed_spelling_yields_only_to_strong_context``)."""
    texts = ["Cấp lần đầu", "Đầu tư dự án", "Đăng ký lần đầu"] * 1000 + ["Neo đậu tàu cá"] * 2
    texts += ["Đầu tư vốn"] * 3
    restorer = DiacriticRestorer.from_texts(texts)
    assert restorer.restore(["thi", "đậu"])[1] == "đậu"
    assert restorer.restore(["đậu"]) == ["đậu"]


def test_a_colloquial_term_hidden_by_a_slip_is_rewritten_once_corrected():
    """ "cà vẹc" is "cà vẹt" (final c/t), which the lexicon knows; the citizen's other words stay."""
    lexicon = AliasLexicon({"cà vẹt": "chứng nhận đăng ký xe"})
    texts = ["Cấp lại chứng nhận đăng ký xe", "Cà vẹt xe", "Đổi cà vẹt xe máy"] * 3
    noisy = DiacriticRestorer.from_texts(texts + lexicon.terms())
    query = analyse("đổi cà vẹc xe máy", lexicon=lexicon, restorer=noisy)
    assert query.rewritten == "đổi chứng nhận đăng ký xe xe máy"
    plain = analyse("đổi cà vẹt xe máy", lexicon=lexicon, restorer=noisy)
    assert query.tokens == plain.tokens and query.weights == plain.weights
    untouched = analyse("đổi xe máy", lexicon=lexicon, restorer=noisy)
    assert untouched.rewritten == "đổi xe máy"


@pytest.mark.parametrize(
    ("typed", "decoded"),
    [
        ("hoj", "họ"),
        ("chieeus", "chiếu"),
        ("lamf", "làm"),
        ("nguowif", "người"),
        ("ddaats", "đất"),
        ("khoong", "không"),
        ("giaays", "giấy"),
        ("quys", "quý"),
        ("thuees", "thuế"),
    ],
)
def test_telex_keys_are_decoded(typed, decoded):
    assert decode_telex(typed) == decoded


@pytest.mark.parametrize(
    "typed", ["can", "dang", "cccd", "gplx", "visa", "online", "web", "ok", "", "hộ", "123", "a" * 20]
)
def test_words_without_telex_keys_are_not_decoded(typed):
    assert decode_telex(typed) is None


def test_telex_is_read_only_into_syllables_the_catalogue_uses(restorer):
    assert read_telex(["hoj", "chieeus", "lamf", "shopee", "cas"], restorer) == [
        "họ",
        "chiếu",
        "làm",
        "shopee",
        "cas",
    ]
    assert read_telex(["hoj"], None) == ["hoj"]  # no catalogue statistics: left alone
    query = analyse("hoj chieeus lamf", restorer=restorer)
    assert query.restored[:2] == ("hộ", "chiếu")  # "họ chiếu" is then read in context
    assert query.restored[-1] == "làm"


def test_everyday_phrases_are_well_formed():
    phrases = everyday_phrases()
    assert len(phrases) >= 100
    assert all(len(p.split()) >= 2 and p == normalise(p) for p in phrases), (
        "two syllables or more, normalised"
    )
    assert len(set(phrases)) == len(phrases)


def test_the_diacritics_model_hears_everyday_speech():
    """Catalogue text alone reads "đổi cai moi" as "đổi cải môi" (thay đổi, cải chính, môi trường)."""
    procedures = [
        procedure(name="Thay đổi, cải chính, bổ sung thông tin hộ tịch", conditions="Bảo vệ môi trường")
    ] * 50
    lexicon = AliasLexicon({"cà vẹt": "chứng nhận đăng ký xe"})
    restorer = build_restorer(procedures, lexicon)
    assert restorer.restore(["đổi", "cai", "moi"]) == ["đổi", "cái", "mới"]
    catalogue_only = DiacriticRestorer.from_texts(t for p in procedures for t in language_texts(p))
    assert catalogue_only.restore(["đổi", "cai", "moi"]) != ["đổi", "cái", "mới"]


def test_a_purpose_clause_is_context_not_the_procedure():
    """ "… để kết hôn …" says what the certificate is for: it weighs half and is not embedded."""
    query = analyse("giấy xác nhận độc thân để kết hôn với người nước ngoài")
    assert "kết hôn" not in query.dense_text and "tình trạng hôn nhân" in query.dense_text
    purpose = [t for t, p in zip(query.tokens, query.context, strict=True) if p]
    assert purpose[:3] == ["để", "kết", "hôn"]
    assert all(w < 1.0 for w, p in zip(query.weights, query.context, strict=True) if p)


def test_what_was_already_done_is_context():
    """ "… đã trình báo mất …" tells the story: the passport was found, restoring it is asked."""
    query = analyse("tìm lại được hộ chiếu đã trình báo mất có dùng tiếp được không")
    done = [t for t, c in zip(query.tokens, query.context, strict=True) if c]
    assert done == ["trình", "báo", "mất"]
    assert "trình báo" not in query.dense_text and "tìm lại" in query.dense_text


def test_a_death_is_context():
    """ "bố mất" tells the story: no re-issue of something lost is asked."""
    query = analyse("bố mất không để lại di chúc, anh em chia đất")
    assert query.context[query.tokens.index("mất")]


def test_the_paper_a_copy_is_made_of_is_context():
    """Any paper is copied by the same procedure: "căn cước" must not pull to the ID-card titles."""
    query = analyse("công chứng bản sao căn cước ở xã")
    copied = [t for t, c in zip(query.tokens, query.context, strict=True) if c]
    assert copied == ["căn", "cước"]
    assert "chứng thực bản sao" in query.dense_text and "căn cước" not in query.dense_text


def test_what_a_paper_certifies_was_done_is_no_context():
    assert not any(analyse("xin xác nhận đã thi hành án xong").context)


@pytest.mark.parametrize(
    "question",
    [
        "làm thế nào để đăng ký kết hôn",  # nothing named before "để": the procedure follows it
        "đất ông bà để lại chưa có sổ",  # "để lại" is a verb, not a purpose
    ],
)
def test_de_that_starts_no_purpose_clause(question):
    assert not any(analyse(question).context)
