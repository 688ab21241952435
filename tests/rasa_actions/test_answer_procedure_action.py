"""action_answer_procedure: the procedure from the words, the aspect from the intent."""

from __future__ import annotations

from answers.builders import procedure

from actions.procedure import ActionAnswerProcedure
from rasa_actions.conftest import make_tracker, run_action
from rasa_actions.fakes import ALL, MemoryCatalogue, ScriptedSearcher, services_over

ANSWER = ActionAnswerProcedure()


def ask(text: str, intent: str, **slots):
    return run_action(ANSWER, make_tracker(text, intent, slots))


def test_clear_hit_answers_the_asked_aspect_with_source():
    outcome = ask("đăng ký lại kết hôn mất bao lâu", "ask_time")
    assert outcome.texts[0].startswith("Thủ tục đăng ký lại kết hôn (mã 1.004746, cấp xã)")
    assert "Nộp trực tiếp: 5 ngày làm việc." in outcome.texts[0]
    assert "Nguồn: Cơ sở dữ liệu quốc gia về TTHC" in outcome.texts[0]
    assert outcome.slots == {"procedure_code": "1.004746", "aspect": "time"}  # only what changes


def test_an_answer_clears_the_options_and_the_waiting_aspect():
    outcome = ask(
        "đăng ký lại kết hôn mất bao lâu",
        "ask_time",
        candidates=["1.001193", "2.000528"],
        pending_aspect="fee",
    )
    assert outcome.slots["candidates"] is None and outcome.slots["pending_aspect"] is None


def test_provincial_fee_is_answered_as_set_by_each_province():
    outcome = ask("lệ phí đăng ký lại kết hôn", "ask_fee")
    assert "theo mức do Hội đồng nhân dân cấp tỉnh quy định; mức thu khác nhau theo tỉnh" in outcome.text


def test_unclear_retrieval_offers_options_as_buttons():
    outcome = ask("làm khai sinh cần giấy tờ gì", "ask_documents")
    assert outcome.buttons == [
        {"title": "Thủ tục đăng ký khai sinh (cấp xã)", "payload": '/choose_option{"option":"1"}'},
        {
            "title": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài (cấp xã)",
            "payload": '/choose_option{"option":"2"}',
        },
    ]
    assert "1. Thủ tục đăng ký khai sinh (cấp xã)" in outcome.text  # also typeable
    assert outcome.slots == {"candidates": ["1.001193", "2.000528"], "pending_aspect": "documents"}


def test_options_with_long_alike_titles_get_buttons_that_tell_them_apart(use_services):
    land = (
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, "
        "quyền sở hữu tài sản gắn liền với đất lần đầu đối với "
    )
    offered = [
        procedure("1.012781", land + "tổ chức đang sử dụng đất", levels=("xã",), family="a"),
        procedure("1.012782", land + "hộ gia đình, cá nhân", levels=("xã",), family="b"),
    ]
    searcher = ScriptedSearcher({"sổ đỏ": (False, 0.3, offered)})
    use_services(services_over(MemoryCatalogue((*ALL, *offered)), searcher, searcher.names_procedure))
    outcome = ask("làm sổ đỏ lần đầu", "ask_procedure")
    assert [b["title"] for b in outcome.buttons] == [
        "Đăng ký đất đai, tài sản gắn liền với đất … đối với tổ chức đang sử dụng đất (cấp xã)",
        "Đăng ký đất đai, tài sản gắn liền với đất … đối với hộ gia đình, cá nhân (cấp xã)",
    ]


def test_offering_options_forgets_the_current_procedure():
    outcome = ask("làm khai sinh cần giấy tờ gì", "ask_documents", procedure_code="1.004746")
    assert outcome.slots["procedure_code"] is None


def test_level_is_asked_only_when_levels_answer_differently():
    outcome = ask("lệ phí làm hộ chiếu bao nhiêu", "ask_fee")
    assert [b["title"] for b in outcome.buttons] == ["Cấp tỉnh (mã 1.001456)", "Cấp bộ (mã 1.001471)"]
    assert "phí, lệ phí khác nhau giữa các cấp" in outcome.text
    assert outcome.slots["candidates"] == ["1.001456", "1.001471"]
    assert outcome.slots["pending_aspect"] == "fee"


def test_same_answer_at_every_level_is_given_at_once_and_mentions_the_other_levels():
    outcome = ask("làm hộ chiếu mất bao lâu", "ask_time")
    assert outcome.buttons == []
    assert "Nộp trực tiếp hoặc trực tuyến: 8 ngày làm việc." in outcome.texts[0]
    assert (
        outcome.texts[1]
        == "Thủ tục này còn được thực hiện ở cấp bộ (mã 1.001471); thời hạn giải quyết như trên."
    )
    assert outcome.slots["procedure_code"] == "1.001456"


def test_follow_up_without_procedure_keeps_the_current_one(searcher):
    outcome = ask("còn lệ phí thì sao?", "ask_fee", procedure_code="1.001193")
    assert outcome.texts[0].startswith("Thủ tục đăng ký khai sinh (mã 1.001193, cấp xã)")
    assert "Nộp trực tiếp: miễn phí." in outcome.texts[0]
    assert searcher.queries == []  # no retrieval for a follow-up
    assert outcome.after["procedure_code"] == "1.001193"
    assert outcome.slots == {"aspect": "fee"}


def test_follow_up_after_a_level_choice_keeps_the_level_and_notes_differences():
    outcome = ask("nộp ở đâu, lệ phí bao nhiêu?", "ask_fee", procedure_code="1.001471")
    assert "Nộp trực tiếp hoặc trực tuyến: 250.000 đồng." in outcome.texts[0]
    assert outcome.buttons == []
    assert outcome.texts[1] == "Lưu ý: thủ tục này ở cấp tỉnh (mã 1.001456) có phí, lệ phí khác với trên."


def test_a_new_procedure_in_the_question_replaces_the_current_one():
    outcome = ask("thế đăng ký lại kết hôn thì lệ phí bao nhiêu", "ask_fee", procedure_code="1.001193")
    assert "(mã 1.004746, cấp xã)" in outcome.texts[0]
    assert outcome.slots["procedure_code"] == "1.004746"


def test_unclear_retrieval_that_includes_the_current_family_stays_with_it():
    outcome = ask("khai sinh cho con thì mất bao lâu", "ask_time", procedure_code="1.001193")
    assert outcome.buttons == []
    assert "1 (nguồn không ghi đơn vị)" in outcome.text
    assert "ngày làm việc" not in outcome.text


def test_missing_value_is_said_honestly_with_the_source():
    outcome = ask("điều kiện đăng ký lại kết hôn", "ask_conditions")
    assert "Cơ sở dữ liệu chưa có thông tin về yêu cầu, điều kiện của thủ tục này." in outcome.text
    assert "Nguồn: Cơ sở dữ liệu quốc gia về TTHC, https://" in outcome.text


def test_ended_reduction_is_marked_using_the_services_date():
    outcome = ask("lệ phí cấp lại tem AB", "ask_fee")
    assert "đến hết 31/12/2025 nay đã hết hiệu lực" in outcome.text
    assert (
        "Lưu ý: mức 25.000 đồng ghi cho hình thức nộp trực tiếp thuộc mức giảm đã hết hiệu lực"
        in outcome.text
    )


def test_aspect_without_procedure_asks_which_one_and_remembers_the_aspect():
    outcome = ask("lệ phí bao nhiêu vậy", "ask_fee")
    assert outcome.text.startswith("Anh/chị muốn hỏi phí, lệ phí của thủ tục nào ạ?")
    assert outcome.after["pending_aspect"] == "fee" and outcome.after["candidates"] is None


def test_naming_the_procedure_then_answers_the_remembered_aspect():
    outcome = ask("đăng ký lại kết hôn", "ask_procedure", pending_aspect="fee")
    assert "Phí, lệ phí:" in outcome.text
    assert outcome.slots["aspect"] == "fee"


def test_general_question_gives_the_overview():
    outcome = ask("thủ tục đăng ký lại kết hôn", "ask_procedure")
    assert "Hình thức nộp: trực tiếp." in outcome.text
    assert "Anh/chị có thể hỏi thêm" in outcome.text


def test_no_matching_procedure_says_what_the_assistant_can_do():
    outcome = ask("thủ tục cấp phép bay vào vũ trụ", "ask_documents")
    assert outcome.texts[0].startswith("Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp")
    assert outcome.texts[1].count("\n- ") == 3  # three example questions
    assert outcome.slots == {}


def test_very_long_message_is_cut_before_retrieval(searcher):
    ask("hộ chiếu " + "rất " * 5000, "ask_time")
    assert len(searcher.queries[0]) <= 500


def test_decomposed_unicode_is_normalised_before_retrieval(searcher):
    import unicodedata

    ask(unicodedata.normalize("NFD", "làm hộ chiếu mất bao lâu"), "ask_time")
    assert searcher.queries == ["làm hộ chiếu mất bao lâu"]
