"""Catalogue-side priors of the ranking: who files a procedure, and first-time questions."""

from __future__ import annotations

import pytest
from answers.builders import procedure

from knowledge.search.index import citizen_affinity
from knowledge.search.querywords import done_positions, negated_in_question, says_someone_died
from knowledge.search.titles import HEAD_MAX_TITLES, TitleWords
from knowledge.text import bare_key


@pytest.mark.parametrize(
    ("name", "subjects", "expected"),
    [
        # The title names who files it: that wins over a generous subjects list.
        ("Đăng ký đất đai lần đầu đối với hộ gia đình, cá nhân", "Doanh nghiệp", 1.0),
        ("Đăng ký đất đai lần đầu đối với tổ chức đang sử dụng đất", "Công dân Việt Nam", 0.0),
        # Inheritance and gifts between people, whatever the subjects list says.
        (
            "Đăng ký biến động quyền sử dụng đất trong các trường hợp chuyển nhượng, thừa kế, tặng cho quyền sử dụng đất",
            "Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX)",
            1.0,
        ),
        # An agency files it, though the title names the people it is about.
        (
            "Cấp Phiếu lý lịch tư pháp theo yêu cầu của cơ quan tiến hành tố tụng "
            "(đối tượng là công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam)",
            "Công dân Việt Nam",
            0.0,
        ),
        ("Cấp thị thực điện tử theo đề nghị của cơ quan, tổ chức", "Người nước ngoài", 0.0),
        # Testing centres and diplomatic privileges are nobody's own affair.
        ("Cấp giấy phép sát hạch cho trung tâm sát hạch lái xe loại 1, loại 2", "Công dân Việt Nam", 0.0),
        (
            "Thủ tục tạm nhập khẩu xe ô tô, xe gắn máy của đối tượng được hưởng quyền ưu đãi, miễn trừ",
            "Công dân Việt Nam, Người nước ngoài",
            0.0,
        ),
        # Employers withholding income tax, though "cá nhân" may be one of them.
        (
            "Khai quyết toán thuế thu nhập cá nhân đối với tổ chức, cá nhân trả thu nhập từ tiền lương",
            "Công dân Việt Nam, Doanh nghiệp",
            0.0,
        ),
        # Otherwise the subjects decide.
        ("Đăng ký kết hôn", "Công dân Việt Nam, Người nước ngoài", 1.0),
        ("Cấp thị thực", "Người nước ngoài", 0.5),
        ("Cấp giấy phép kinh doanh vận tải", "Doanh nghiệp, Hợp tác xã", 0.0),
        ("Cấp giấy phép kinh doanh vận tải", None, 0.0),
    ],
)
def test_citizen_affinity(name, subjects, expected):
    assert citizen_affinity(procedure(name=name, subjects=subjects)) == expected


def words(question: str) -> list[str]:
    """A question as the bare syllables ``MarkedActions.unasked`` compares."""
    return question.split()


@pytest.fixture(scope="module")
def titles() -> TitleWords:
    return TitleWords(["cấp lại thẻ căn cước", "cấp thẻ căn cước", "gia hạn giấy phép xây dựng"])


def test_a_re_issue_title_is_unasked_without_its_cue(titles):
    assert titles.actions.unasked(0, words("lam the can cuoc")) == 1.0
    assert titles.actions.unasked(0, words("lam lai the can cuoc bi mat")) == 0.0
    assert titles.actions.unasked(1, words("lam the can cuoc")) == 0.0  # a neutral title


def test_cues_typed_with_diacritics_must_match_them():
    titles = TitleWords(["cấp đổi giấy chứng nhận quyền sử dụng đất"])
    assert titles.actions.unasked(0, ["sổ", "đỏ", "cũ", "rách"]) == 0.0
    assert titles.actions.unasked(0, ["mua", "căn", "hộ", "chung", "cư"]) == 1.0  # "cư" is no "cũ"
    assert titles.actions.unasked(0, ["so", "do", "cu"]) == 0.0  # typed bare: "cu" may be "cũ"


def test_again_after_another_verb_asks_for_no_re_issue(titles):
    """ "mua lại", "tìm lại", "để lại": "lại" alone is no cue for "Cấp lại"."""
    assert titles.actions.unasked(0, words("mua lai xe o to cu")) == 1.0
    assert titles.actions.unasked(0, words("dat ong ba de lai")) == 1.0
    assert titles.actions.unasked(0, words("xin lai the can cuoc")) == 0.0


def test_first_time_rules_out_every_marked_action(titles):
    """ "làm lại … lần đầu" cannot be a re-issue: the first time wins over the cue."""
    assert titles.actions.unasked(0, words("lam lai the can cuoc lan dau")) == 1.0
    assert titles.actions.unasked(2, words("gia han giay phep lan dau tien")) == 1.0
    assert titles.actions.unasked(1, words("lam the can cuoc lan dau")) == 0.0


def test_first_time_is_told_apart_from_a_missing_cue(titles):
    """The ``first_time`` feature needs both: the question says so and the title is marked."""
    assert titles.actions.says_first_time(words("lam the can cuoc lan dau"))
    assert titles.actions.says_first_time(words("chua tung lam the can cuoc"))
    assert not titles.actions.says_first_time(words("lam the can cuoc"))
    assert [titles.actions.marked(p) for p in range(3)] == [1.0, 0.0, 1.0]


@pytest.fixture(scope="module")
def qualified() -> TitleWords:
    return TitleWords(
        [
            "đăng ký kết hôn",
            "đăng ký kết hôn lưu động tại nhà",
            "cấp giấy chứng nhận kiểm định cho xe cơ giới",
            "cấp giấy chứng nhận kiểm định cho xe cơ giới trong trường hợp miễn kiểm định lần đầu",
            "giải quyết tranh chấp đất đai của ủy ban nhân",
            "giải quyết tranh chấp đất đai của ủy ban nhân dân",
        ]
    )


def test_a_qualified_title_is_unasked_when_the_question_names_no_qualifier(qualified):
    assert qualified.extension_unasked(1, {"ket", "hon"}) == 1.0
    assert qualified.extension_unasked(1, {"ket", "hon", "luu", "dong"}) == 0.0
    assert qualified.extension_unasked(0, {"ket", "hon"}) == 0.0  # the plain title itself
    assert qualified.extension_unasked(3, {"dang", "kiem", "xe", "o", "to"}) == 1.0
    assert qualified.extension_unasked(3, {"xe", "moi", "mien", "dang", "kiem"}) == 0.0


def test_connectors_and_single_words_are_no_qualifier(qualified):
    # "trong trường hợp … lần đầu": only "miễn", "lần", "đầu" … count, not "trong trường hợp".
    assert qualified.extension_unasked(3, {"trong", "truong", "hop"}) == 1.0
    # One added word is a spelling difference, not a qualifier.
    assert qualified.extension_unasked(5, {"tranh", "chap", "dat"}) == 0.0


def test_titles_that_differ_only_in_their_last_words_are_twins():
    titles = TitleWords(
        [
            "đăng ký đất đai, tài sản gắn liền với đất, cấp giấy chứng nhận quyền sử dụng đất "
            "lần đầu đối với tổ chức đang sử dụng đất",
            "đăng ký đất đai, tài sản gắn liền với đất, cấp giấy chứng nhận quyền sử dụng đất "
            "lần đầu đối với hộ gia đình, cá nhân",
            "đăng ký đất đai, tài sản gắn liền với đất, cấp giấy chứng nhận cho người nhận chuyển nhượng",
            "đăng ký kết hôn",
            "đăng ký kết hôn có yếu tố nước ngoài",
        ]
    )
    assert sorted(titles.twins(0).tolist()) == [0, 1]
    assert sorted(titles.twins(1).tolist()) == [0, 1]
    # Fourteen of its twenty syllables in common: another procedure, not a twin.
    assert titles.twins(2).tolist() == [2]
    # Too short to tell twins by their beginning: the extension feature handles these.
    assert titles.twins(3).tolist() == [3]


@pytest.fixture(scope="module")
def exclusions() -> TitleWords:
    return TitleWords(
        [
            "đăng ký biến động chuyển mục đích sử dụng đất không phải xin phép cơ quan nhà nước",
            "khai thuế thu nhập cá nhân đối với quà tặng là tài sản khác, không phải là bất động sản",
            "cấp giấy chứng nhận không cùng chi trả trong năm cho người tham gia bảo hiểm y tế",
            "thanh toán chi phí khám bệnh cho dân quân tự vệ không tham gia bảo hiểm y tế",
        ]
    )


def test_words_a_title_names_only_to_exclude_them_count_against_it(exclusions):
    assert exclusions.negated(0, {"xin", "chuyen", "muc", "dich", "dat"}) == 1.0
    assert exclusions.negated(0, {"chuyen", "muc", "dich", "dat"}) == 0.0
    # "không phải là": the glue is skipped, what is excluded is "bất động (sản)".
    assert exclusions.negated(1, {"thua", "ke", "bat", "dong", "san"}) == 1.0
    # Two words after the cue are excluded ("cùng chi"), not the rest of the title.
    assert exclusions.negated(2, {"tu", "tra", "tien", "bao", "hiem"}) == 0.0
    assert exclusions.negated(2, {"cung", "tra"}) == 1.0
    # "không tham gia bảo hiểm": the uninsured; a question about the insurance is not theirs.
    assert exclusions.negated(3, {"thanh", "toan", "kham", "bao", "hiem"}) == 1.0


def test_a_question_that_negates_the_word_itself_is_not_contradicted():
    question = ["chuyen", "muc", "dich", "dat", "khong", "can", "xin", "phep"]
    assert {"xin", "phep"} <= negated_in_question(question)
    assert "chuyen" not in negated_in_question(question)


def test_a_distinctive_title_beginning_named_by_the_question_counts():
    common = [f"cấp giấy phép loại {n}" for n in range(HEAD_MAX_TITLES + 1)]
    titles = TitleWords(["chứng thực hợp đồng giao dịch", "tặng cho quyền sử dụng đất", *common])
    assert titles.head_asked(0, words("chung thuc hop dong tang cho nha dat")) == 1.0
    assert titles.head_asked(1, words("chung thuc hop dong cho con")) == 0.0
    # A beginning shared by more than HEAD_MAX_TITLES titles names no procedure.
    assert titles.head_asked(2, words("cap giay phep loai 0")) == 0.0


def test_a_case_clause_restricting_a_neutral_title_is_its_action():
    titles = TitleWords(
        [
            "cấp chứng nhận đăng ký xe, biển số xe trong trường hợp thay đổi chủ xe",
            "đăng ký, cấp biển số xe lần đầu",
        ]
    )
    assert titles.actions.marked(0) == 1.0 and titles.actions.marked(1) == 0.0
    assert titles.actions.unasked(0, words("mua xe may moi dang ky bien so")) == 1.0
    assert titles.actions.unasked(0, words("dang ky sang ten xe thay doi chu xe")) == 0.0
    # The clause names what changes: exchanging a torn paper for a new one changes no owner.
    assert titles.actions.unasked(0, words("ca vet xe bi rach muon doi cai moi")) == 1.0
    assert titles.actions.unasked(0, words("mua xe cu doi chu")) == 0.0


def test_a_title_listing_several_actions_is_asked_by_any_of_them():
    titles = TitleWords(["cấp lại, đổi, điều chỉnh thông tin trên sổ bảo hiểm xã hội"])
    assert titles.actions.unasked(0, words("so bhxh sai ngay sinh muon dieu chinh")) == 0.0
    assert titles.actions.unasked(0, words("lam lai so bhxh bi mat")) == 0.0
    assert titles.actions.unasked(0, words("dong bhxh tu nguyen")) == 1.0


def test_recall_reads_the_whole_title_and_word_pairs():
    titles = TitleWords(
        [
            "giao đất, cho thuê đất, chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân",
            "chuyển mục đích sử dụng rừng sang mục đích khác đối với cá nhân",
            "cấp giấy chứng nhận kiểm định, tem kiểm định an toàn kỹ thuật và bảo vệ môi trường cho xe cơ giới",
            "cấp giấy chứng nhận kiểm định, tem kiểm định an toàn kỹ thuật và bảo vệ môi trường cho xe máy chuyên dùng",
        ]
    )
    land = titles.question_terms(words("chuyen muc dich su dung dat"))
    assert titles.recall(0, land) == pytest.approx(1.0)
    assert titles.recall(1, land) < 0.8  # no "đất", no "dụng đất"
    car = titles.question_terms(words("kiem dinh xe co gioi"))
    assert titles.recall(2, car) == pytest.approx(1.0)  # words past the head count
    assert titles.recall(3, car) < titles.recall(2, car)
    assert titles.recall(0, titles.question_terms(words("khong co trong tieu de"))) == 0.0


def test_a_title_for_another_kind_of_business_only_is_marked():
    titles = TitleWords(
        [
            "tạm ngừng kinh doanh của hộ kinh doanh",
            "thông báo tạm ngừng kinh doanh (doanh nghiệp, chi nhánh)",
            "đăng ký sử dụng hoá đơn điện tử của cơ quan thuế",
        ]
    )
    asked = titles.kinds_named([bare_key(w) for w in ["công", "ty", "tạm", "ngừng", "kinh", "doanh"]])
    assert asked == {"doanh nghiệp"}
    assert [titles.other_kind(p, asked) for p in range(3)] == [1.0, 0.0, 0.0]
    # A question that names no kind of business marks nothing.
    assert titles.other_kind(0, titles.kinds_named(words("tam ngung kinh doanh"))) == 0.0


def test_cues_are_read_as_whole_words_longest_first():
    """ "thay đổi" asks for "Thay đổi", not for the "đổi" of "Chuyển đổi"."""
    titles = TitleWords(["chuyển đổi công ty một thành viên", "thay đổi thành viên công ty"])
    assert titles.actions.unasked(0, words("thay doi thanh vien cong ty")) == 1.0
    assert titles.actions.unasked(1, words("thay doi thanh vien cong ty")) == 0.0
    assert titles.actions.unasked(0, words("doi cong ty thanh cong ty co phan")) == 0.0


def test_words_after_da_are_what_was_done():
    restored = ["hộ", "chiếu", "đã", "báo", "mất", "nay", "tìm", "lại", "được"]
    assert done_positions(restored) == {3, 4, 5}
    assert done_positions(["xác", "nhận", "đã", "thi", "hành", "án"]) == set()


def test_the_abroad_twin_of_a_home_title_needs_the_citizen_abroad():
    titles = TitleWords(
        [
            "nhập quốc tịch việt nam ở trong nước",
            "nhập quốc tịch việt nam ở nước ngoài",
            "cấp giấy phép mang vàng khi xuất cảnh định cư ở nước ngoài",  # no home twin
        ]
    )
    spouse = words("vo toi la nguoi lao nguoi nuoc ngoai muon nhap quoc tich")
    assert not titles.says_abroad(spouse)
    assert titles.abroad_unasked(1, titles.says_abroad(spouse)) == 1.0
    assert titles.abroad_unasked(0, titles.says_abroad(spouse)) == 0.0
    assert titles.abroad_unasked(2, False) == 0.0
    embassy = words("dang o nuoc ngoai nop o dai su quan")
    assert titles.says_abroad(embassy)
    assert titles.abroad_unasked(1, titles.says_abroad(embassy)) == 0.0


@pytest.mark.parametrize(
    ("question", "died"),
    [
        ("bo toi mat de lai can nha", True),  # a person, "mất", then what he left
        ("ông mất lâu rồi", True),
        ("bố mất", True),
        ("ba em mất ở nhà, làm khai tử", True),  # a death word says it anyway
        ("mẹ mất căn cước", False),  # a thing follows: a loss
        ("con mất giấy khai sinh", False),
        ("em bị mất ví", False),
    ],
)
def test_a_person_followed_by_mat_died_unless_a_thing_follows(question, died):
    assert says_someone_died(question.split()) is died
