"""action_choose_option: the chosen option answers the question that was waiting."""

from __future__ import annotations

import pytest

from actions.procedure import ActionAnswerProcedure, ActionChooseOption, option_in_text
from rasa_actions.conftest import make_tracker, run_action

CHOOSE = ActionChooseOption()
OFFERED = {"candidates": ["1.001193", "2.000528"], "pending_aspect": "time"}


def option(number: str) -> list[dict]:
    return [{"entity": "option", "value": number, "start": 0, "end": 1}]


def test_chosen_option_answers_the_pending_aspect():
    outcome = run_action(
        CHOOSE, make_tracker('/choose_option{"option":"2"}', "choose_option", OFFERED, option("2"))
    )
    assert outcome.texts[0].startswith("Thủ tục đăng ký khai sinh có yếu tố nước ngoài (mã 2.000528, cấp xã)")
    assert "Nộp trực tiếp: 15 ngày làm việc." in outcome.texts[0]
    assert outcome.slots == {
        "procedure_code": "2.000528",
        "aspect": "time",
        "candidates": None,
        "pending_aspect": None,
    }


def test_option_typed_in_words_without_an_entity():
    outcome = run_action(CHOOSE, make_tracker("cái thứ nhất", "choose_option", OFFERED))
    assert "(mã 1.001193, cấp xã)" in outcome.texts[0]


def test_choosing_a_family_whose_levels_differ_asks_for_the_level():
    offered = {"candidates": ["1.001456", "1.004746"], "pending_aspect": "fee"}
    outcome = run_action(CHOOSE, make_tracker("1", "choose_option", offered, option("1")))
    assert [b["title"] for b in outcome.buttons] == ["Cấp tỉnh (mã 1.001456)", "Cấp bộ (mã 1.001471)"]
    assert outcome.slots["candidates"] == ["1.001456", "1.001471"]


def test_choosing_a_level_answers_for_that_level():
    offered = {"candidates": ["1.001456", "1.001471"], "pending_aspect": "fee"}
    outcome = run_action(CHOOSE, make_tracker("2", "choose_option", offered, option("2")))
    assert "Nộp trực tiếp hoặc trực tuyến: 250.000 đồng." in outcome.texts[0]
    assert outcome.slots["procedure_code"] == "1.001471"


def test_option_out_of_range_asks_again_with_the_same_buttons():
    outcome = run_action(CHOOSE, make_tracker("4", "choose_option", OFFERED, option("4")))
    assert outcome.texts[0] == "Anh/chị vui lòng chọn một số từ 1 đến 2 trong danh sách ạ."
    assert [b["payload"] for b in outcome.buttons] == [
        '/choose_option{"option":"1"}',
        '/choose_option{"option":"2"}',
    ]
    assert outcome.after["candidates"] == ["1.001193", "2.000528"]
    assert outcome.after["pending_aspect"] == "time"


def test_choice_without_pending_options_is_answered_politely():
    outcome = run_action(CHOOSE, make_tracker("2", "choose_option", {}, option("2")))
    assert outcome.text == "Hiện không có lựa chọn nào đang chờ. Anh/chị cần hỏi về thủ tục nào ạ?"


def test_choice_without_pending_aspect_gives_the_overview():
    offered = {"candidates": ["1.004746"], "pending_aspect": None}
    outcome = run_action(CHOOSE, make_tracker("1", "choose_option", offered, option("1")))
    assert "Anh/chị có thể hỏi thêm" in outcome.text
    assert outcome.slots["aspect"] == "overview"


def test_a_bare_number_classified_as_a_question_still_chooses():
    outcome = run_action(ActionAnswerProcedure(), make_tracker("số 2", "ask_procedure", OFFERED))
    assert "(mã 2.000528, cấp xã)" in outcome.texts[0]
    assert "Thời hạn giải quyết:" in outcome.texts[0]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2", 2),
        ("số 3", 3),
        ("1)", 1),
        ("chọn 3 nhé", 3),
        ("cái thứ hai", 2),
        ("cai thu ba", 3),
        ("cái đầu tiên", 1),
        ("hai ạ", 2),
        ("alert(1)", None),
        ("năm 2026", None),
        ("bà ngoại tôi", None),
        ("không biết", None),
        ('/choose_option{"option":"2"}', 2),
        # A pasted payload with a huge number is no option (and must not reach int()).
        ('/choose_option{"option":"' + "9" * 5000 + '"}', None),
    ],
    ids=lambda value: repr(value)[:40],
)
def test_option_number_in_free_text(text, number):
    assert option_in_text(text) == number


def test_a_new_aspect_while_options_wait_offers_the_same_options_for_it():
    outcome = run_action(ActionAnswerProcedure(), make_tracker("còn lệ phí thì sao?", "ask_fee", OFFERED))
    assert outcome.texts[0].startswith(
        "Anh/chị muốn hỏi phí, lệ phí của thủ tục nào trong các thủ tục sau ạ?"
    )
    assert [b["payload"] for b in outcome.buttons] == [
        '/choose_option{"option":"1"}',
        '/choose_option{"option":"2"}',
    ]
    assert outcome.after["candidates"] == ["1.001193", "2.000528"]
    assert outcome.slots == {"pending_aspect": "fee"}


def test_a_new_aspect_while_levels_wait_is_answered_when_the_levels_agree():
    offered = {"candidates": ["1.001456", "1.001471"], "pending_aspect": "fee"}
    outcome = run_action(ActionAnswerProcedure(), make_tracker("mất bao lâu", "ask_time", offered))
    assert "Nộp trực tiếp hoặc trực tuyến: 8 ngày làm việc." in outcome.texts[0]
    assert outcome.slots["procedure_code"] == "1.001456"
    assert outcome.after["candidates"] is None


def test_naming_another_procedure_while_options_wait_searches_it():
    outcome = run_action(
        ActionAnswerProcedure(), make_tracker("lệ phí làm hộ chiếu bao nhiêu", "ask_fee", OFFERED)
    )
    assert [b["title"] for b in outcome.buttons] == ["Cấp tỉnh (mã 1.001456)", "Cấp bộ (mã 1.001471)"]


LEVELS_OFFERED = {"candidates": ["1.001456", "1.001471"], "pending_aspect": "fee"}


def test_naming_a_level_chooses_it_even_when_classified_as_a_question():
    outcome = run_action(ActionAnswerProcedure(), make_tracker("cấp tỉnh", "ask_procedure", LEVELS_OFFERED))
    assert "(mã 1.001456" in outcome.texts[0]
    assert "Nộp trực tiếp: 200.000 đồng" in outcome.texts[0]
    assert outcome.slots["procedure_code"] == "1.001456"


def test_a_level_typed_without_diacritics_chooses_it():
    outcome = run_action(CHOOSE, make_tracker("o trung uong", "choose_option", LEVELS_OFFERED))
    assert outcome.slots["procedure_code"] == "1.001471"


def test_a_level_no_option_has_asks_again():
    outcome = run_action(ActionAnswerProcedure(), make_tracker("cấp xã", "ask_procedure", LEVELS_OFFERED))
    assert "procedure_code" not in outcome.slots
    assert [b["title"] for b in outcome.buttons] == ["Cấp tỉnh (mã 1.001456)", "Cấp bộ (mã 1.001471)"]


def test_a_level_beside_another_procedure_name_is_not_a_choice_between_procedures():
    offered = {"candidates": ["1.001193", "1.001456"], "pending_aspect": "time"}  # cấp xã, cấp tỉnh
    outcome = run_action(ActionAnswerProcedure(), make_tracker("hộ chiếu ở xã", "ask_procedure", offered))
    assert "(mã 1.001193" not in outcome.text
    assert "(mã 1.001456" in outcome.texts[0]
