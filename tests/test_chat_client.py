"""The terminal chat (scripts/chat.py): buttons become numbered options."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUTTONS = [
    {"title": "Đăng ký kết hôn (cấp xã) — 1.000894", "payload": '/choose_option{"option":"1"}'},
    {"title": "Đăng ký kết hôn có yếu tố nước ngoài — 2.000806", "payload": '/choose_option{"option":"2"}'},
]


@pytest.fixture(scope="module")
def chat() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tthc_chat", ROOT / "scripts" / "chat.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_option_number_sends_that_buttons_payload(chat: ModuleType) -> None:
    assert chat.to_message("2", BUTTONS) == '/choose_option{"option":"2"}'


def test_other_text_and_out_of_range_numbers_are_sent_as_typed(chat: ModuleType) -> None:
    assert chat.to_message("3", BUTTONS) == "3"
    assert chat.to_message("1", []) == "1"
    assert chat.to_message("lệ phí bao nhiêu", BUTTONS) == "lệ phí bao nhiêu"


def test_render_numbers_the_buttons_and_returns_them(
    chat: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    buttons = chat.render([{"text": "Anh/chị hỏi thủ tục nào ạ?", "buttons": BUTTONS}])
    shown = capsys.readouterr().out
    assert buttons == BUTTONS
    assert "Anh/chị hỏi thủ tục nào ạ?" in shown
    assert "1. Đăng ký kết hôn (cấp xã)" in shown and "2. Đăng ký kết hôn có yếu tố nước ngoài" in shown


def test_a_reply_without_buttons_clears_the_options(chat: ModuleType) -> None:
    assert chat.render([{"text": "Xin chào anh/chị!"}]) == []
