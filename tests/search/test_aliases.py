"""The alias lexicon rewrites what citizens say into the catalogue's words (``aliases.yml``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.search.aliases import AliasFileError, AliasLexicon, default_lexicon
from knowledge.text import strip_accents

# Colloquial term -> the official wording aliases.yml gives it (normalised).
OFFICIAL = {
    "hộ khẩu": "đăng ký thường trú",
    "nhập hộ khẩu": "đăng ký thường trú",
    "cắt khẩu": "xóa đăng ký thường trú",
    "sổ đỏ": "giấy chứng nhận quyền sử dụng đất",
    "sổ hồng": "giấy chứng nhận quyền sử dụng đất quyền sở hữu tài sản gắn liền với đất",
    "CCCD": "thẻ căn cước",
    "căn cước công dân": "thẻ căn cước",
    "làm căn cước": "cấp thẻ căn cước",
    "CMND": "chứng minh nhân dân thẻ căn cước",
    "GPLX": "giấy phép lái xe",
    "bằng lái": "giấy phép lái xe",
    "bằng lái xe": "giấy phép lái xe",
    "cà vẹt": "chứng nhận đăng ký xe",
    "BHYT": "bhyt bảo hiểm y tế",
    "BHXH": "bhxh bảo hiểm xã hội",
    "LLTP": "phiếu lý lịch tư pháp",
    "MST": "mã số thuế",
    "giấy chứng tử": "đăng ký khai tử",
    "độc thân": "cấp giấy xác nhận tình trạng hôn nhân",
    "giấy độc thân": "cấp giấy xác nhận tình trạng hôn nhân",
    "passport": "hộ chiếu phổ thông",
    "làm hộ chiếu": "cấp hộ chiếu phổ thông",
    "visa": "thị thực",
    "gia hạn visa": "gia hạn tạm trú thị thực",
    "khai sinh": "đăng ký khai sinh",
    "CT07": "xác nhận thông tin về cư trú",
    "đkkh": "đăng ký kết hôn",
    "đổi chủ hộ": "điều chỉnh thông tin về cư trú",
    "heo": "lợn",
    "nghỉ ốm": "hưởng chế độ ốm đau",
    "chứng thực hợp đồng": "chứng thực hợp đồng giao dịch",
    "xin trợ giúp pháp lý": "yêu cầu trợ giúp pháp lý",
    "sang tên nhà": "đăng ký biến động chuyển nhượng quyền sở hữu tài sản gắn liền với đất",
    "đi nghĩa vụ công an": "nghĩa vụ tham gia công an nhân dân",
    "bản sao giấy chứng tử": "cấp bản sao trích lục hộ tịch",
    "sổ tạm trú": "đăng ký tạm trú",
    "mới đẻ": "mới sinh đăng ký khai sinh",
    "gộp sổ BHXH": "cấp lại đổi điều chỉnh thông tin trên sổ bhxh",
    "chứng thực bản sao": "chứng thực bản sao từ bản chính",
    "án tích": "án tích phiếu lý lịch tư pháp",
    "bằng thuyền trưởng": "giấy chứng nhận khả năng chuyên môn thuyền trưởng",
    "nhập khẩu về nhà": "đăng ký thường trú",
    "ĐKTT": "đăng ký thường trú",
    "BĐS": "bất động sản",
    "CSGT": "cảnh sát giao thông công an nhân dân",
}


@pytest.fixture(scope="module")
def lexicon() -> AliasLexicon:
    return default_lexicon()


@pytest.mark.parametrize(("term", "official"), OFFICIAL.items())
def test_colloquial_term_becomes_official_wording(lexicon, term, official):
    assert lexicon.rewrite(term) == official


@pytest.mark.parametrize(("term", "official"), OFFICIAL.items())
def test_without_diacritics_or_in_capitals_too(lexicon, term, official):
    assert lexicon.rewrite(strip_accents(term)) == official
    assert lexicon.rewrite(term.upper()) == official


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("nhập hộ khẩu về nhà chồng", "đăng ký thường trú về nhà chồng"),
        ("nhap ho khau ve nha chong", "đăng ký thường trú ve nha chong"),
        ("đổi GPLX ở đâu", "đổi giấy phép lái xe ở đâu"),
        ("Sổ  Đỏ!! lần đầu", "giấy chứng nhận quyền sử dụng đất lần đầu"),
        ("làm lại cccd", "cấp lại thẻ căn cước"),
    ],
)
def test_terms_are_rewritten_inside_a_question(lexicon, question, rewritten):
    assert lexicon.rewrite(question) == rewritten


def test_longer_term_wins_over_the_shorter_one_it_contains(lexicon):
    # "nhập hộ khẩu" and "hộ khẩu" both match; the longer is used once, not both.
    assert lexicon.rewrite("nhập hộ khẩu") == "đăng ký thường trú"
    assert lexicon.rewrite("cắt hộ khẩu") == "xóa đăng ký thường trú"


def test_terms_are_read_left_to_right(lexicon):
    """Where two terms overlap, the one the question starts with wins, even if the other is longer."""
    assert lexicon.rewrite("đóng mã số thuế cá nhân") == "chấm dứt hiệu lực mã số thuế cá nhân"
    assert lexicon.rewrite("dong ma so thue ca nhan") == "chấm dứt hiệu lực mã số thuế ca nhan"
    assert lexicon.rewrite("mã số thuế cá nhân") == "đăng ký thuế lần đầu cá nhân"


def test_a_term_does_not_start_inside_a_word_kept_whole(lexicon):
    """ "chứng nhận con dấu" is a seal certificate, not "nhận con" (acknowledging a child)."""
    assert lexicon.rewrite("xin chứng nhận con dấu") == "xin chứng nhận con dấu"
    assert lexicon.rewrite("nhận con") == "đăng ký nhận cha mẹ con"
    # Words kept whole are not everyday names of the titles that contain them.
    assert "chứng nhận" not in lexicon.terms_in("Cấp giấy chứng nhận đăng ký xe")


def test_terms_also_answer_to_the_short_forms_inside_them():
    """ "khóa mã số thuế" is listed; "khóa MST" follows from "mst: mã số thuế"."""
    small = AliasLexicon({"mst": "mã số thuế", "khóa mã số thuế": "chấm dứt hiệu lực mã số thuế"})
    assert small.rewrite("khóa MST") == "chấm dứt hiệu lực mã số thuế"
    assert small.rewrite("khoa mst ca nhan") == "chấm dứt hiệu lực mã số thuế ca nhan"
    assert small.rewrite("mst") == "mã số thuế"  # the short form itself is unchanged
    assert len(small) == 3
    # A listed term is never overwritten by a derived one.
    listed = AliasLexicon({"mst": "mã số thuế", "đóng mã số thuế": "chấm dứt", "đóng mst": "khác"})
    assert listed.rewrite("đóng mst") == "khác"


def test_the_owner_of_a_household_business_is_no_household_head(lexicon):
    assert lexicon.rewrite("đổi chủ hộ kinh doanh") == "đăng ký thay đổi nội dung đăng ký hộ kinh doanh"
    assert lexicon.rewrite("đổi chủ hộ") == "điều chỉnh thông tin về cư trú"


def test_import_stays_import(lexicon):
    """ "nhập khẩu" is residence only before a home or a family member."""
    assert lexicon.rewrite("nhập khẩu hàng hóa") == "nhập khẩu hàng hóa"
    assert lexicon.rewrite("nhập khẩu vào nhà chồng") == "đăng ký thường trú chồng"


def test_reporting_a_loss_asks_for_no_re_issue(lexicon):
    assert lexicon.rewrite("báo mất hộ chiếu") == "báo mất hộ chiếu phổ thông"
    assert lexicon.rewrite("mất hộ chiếu") == "mất cấp lại hộ chiếu phổ thông"


def test_official_wording_already_present_is_left_alone(lexicon):
    assert lexicon.rewrite("đăng ký khai sinh") == "đăng ký khai sinh"
    assert lexicon.rewrite("thủ tục đăng ký kết hôn") == "thủ tục đăng ký kết hôn"


def test_accented_look_alike_is_not_taken_for_a_term(lexicon):
    assert lexicon.rewrite("sơ đồ") == "sơ đồ"  # not sổ đỏ
    assert lexicon.rewrite("căn cước") == "căn cước"  # no entry: the catalogue's own word


def test_index_side_names_titles_by_their_everyday_terms(lexicon):
    terms = lexicon.terms_in("Cấp Giấy chứng nhận quyền sử dụng đất lần đầu")
    assert "sổ đỏ" in terms and "bìa đỏ" in terms
    assert "sổ đỏ" not in lexicon.terms_in("Đăng ký kết hôn")


def test_shipped_lexicon_loads_and_is_substantial(lexicon):
    assert len(lexicon) >= 200
    terms = lexicon.terms()
    assert (
        "sổ đỏ" in terms and "giấy chứng nhận quyền sử dụng đất" not in terms
    )  # official wording is no term


def test_a_term_yields_when_the_question_names_a_word_of_its_unless_list():
    lexicon = AliasLexicon(
        {
            "sai tên": {"official": "cải chính hộ tịch", "unless": ["sổ đỏ", "căn cước"]},
            "sổ đỏ": "giấy chứng nhận quyền sử dụng đất",
        }
    )
    assert lexicon.rewrite("khai sinh bị sai tên") == "khai sinh bị cải chính hộ tịch"
    # The wrong name is on the land title: the citizen's own words stay.
    assert lexicon.rewrite("so do bi sai ten") == "giấy chứng nhận quyền sử dụng đất bi sai ten"
    assert lexicon.rewrite("căn cước sai tên") == "căn cước sai tên"
    # The whole question counts when only a stretch of it is rewritten.
    tokens, _ = lexicon.rewrite_tokens(["sai", "tên"], context=["sổ", "đỏ", "sai", "tên"])
    assert tokens == ["sai", "tên"]


def test_the_shipped_register_corrections_yield_to_other_papers(lexicon):
    assert "hộ tịch" in lexicon.rewrite("đổi tên cho con")
    assert "hộ tịch" not in lexicon.rewrite("đổi CCCD khi đổi họ tên")
    assert "hộ tịch" not in lexicon.rewrite("sổ đỏ bị ghi sai tên chủ")


def test_a_state_after_the_paper_reads_like_the_term():
    lexicon = AliasLexicon({"tiền rách": "đổi tiền", "mất giấy khai sinh": "đăng ký lại khai sinh"})
    assert lexicon.rewrite("tien bi rach doi o dau") == "đổi tiền doi o dau"
    assert lexicon.rewrite("giấy khai sinh bị mất") == "đăng ký lại khai sinh"
    assert lexicon.rewrite("tiền mới") == "tiền mới"


def test_everyday_situations_reach_their_procedures(lexicon):
    assert "thai sản" in lexicon.rewrite("vợ sinh con thì chồng được nhận chế độ gì")
    assert "thai sản" not in lexicon.rewrite("vợ sinh con làm giấy khai sinh")
    assert "đính chính" in lexicon.rewrite("sổ đỏ bị sai diện tích")
    assert "không đủ tiêu chuẩn lưu thông" in lexicon.rewrite("tien le bi chuot can rach")
    assert "không đủ tiêu chuẩn lưu thông" not in lexicon.rewrite("sổ đỏ bị chuột cắn")


def test_adoption_is_no_recognition_of_a_child(lexicon):
    assert "nhận cha mẹ con" in lexicon.rewrite("nhận con ngoài giá thú")
    assert "nhận cha mẹ con" not in lexicon.rewrite("nhận con riêng của vợ làm con nuôi")


def test_duplicate_after_normalisation_is_refused():
    with pytest.raises(AliasFileError, match="trùng"):
        AliasLexicon({"Hoà giải": "hòa giải ở cơ sở", "hòa giải": "hòa giải"})


@pytest.mark.parametrize(
    "content",
    [
        "- just\n- a list\n",
        "sổ đỏ: [giấy chứng nhận, 3]\n",
        "'': đăng ký\n",
        "sổ đỏ: ''\n",
        "sổ đỏ: [unclosed\n",
        "sổ đỏ: giấy chứng nhận\nsổ đỏ: quyền sử dụng đất\n",  # a key twice: YAML would keep the last
        "sai tên: {unless: [sổ đỏ]}\n",  # no official wording
        "sai tên: {official: cải chính, unless: sổ đỏ}\n",  # unless must be a list
        "sai tên: {official: cải chính, except: [sổ đỏ]}\n",  # an unknown key
    ],
)
def test_bad_lexicon_file_is_refused_with_a_message(tmp_path: Path, content: str):
    path = tmp_path / "aliases.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError):
        AliasLexicon.from_file(path)


def test_missing_lexicon_file_is_refused(tmp_path: Path):
    with pytest.raises(AliasFileError, match="Không đọc được"):
        AliasLexicon.from_file(tmp_path / "absent.yml")
