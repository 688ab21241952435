"""Terminal chat with the running assistant, through Rasa's REST channel.

``make chat`` (in a second terminal, after ``make run``). Input is composed to
NFC before it is sent, buttons are shown as numbered options, and typing an
option's number sends that button's payload, as tapping it would.
"""

from __future__ import annotations

import os
import sys
import unicodedata
import uuid
from typing import Any

import httpx

QUIT_WORDS = {"/quit", "/exit", "/thoat", "/thoát", "thoát"}


def base_url() -> str:
    host = os.environ.get("TTHC_RASA_HOST", "127.0.0.1")
    port = os.environ.get("TTHC_RASA_PORT", "5005")
    return f"http://{host}:{port}"


def not_running_message(url: str) -> str:
    return (
        f"Không kết nối được trợ lý tại {url}. Hãy chạy `make run` ở một cửa sổ khác.\n"
        f"Cannot reach the assistant at {url}. Start it with `make run` in another terminal."
    )


def render(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Print the bot's replies; return the buttons of the last reply that had any."""
    buttons: list[dict[str, Any]] = []
    for reply in replies:
        if reply.get("text"):
            print(f"\n🤖 {reply['text']}")
        if reply.get("buttons"):
            buttons = reply["buttons"]
            for number, button in enumerate(buttons, start=1):
                print(f"   {number}. {button.get('title', '')}")
    if not replies:
        print("\n🤖 (không có trả lời — no reply)")
    return buttons


def to_message(text: str, buttons: list[dict[str, Any]]) -> str:
    """A bare option number stands for that button's payload."""
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return str(buttons[int(text) - 1].get("payload", text))
    return text


def main() -> int:
    url = f"{base_url()}/webhooks/rest/webhook"
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    buttons: list[dict[str, Any]] = []
    with httpx.Client(timeout=30.0) as client:
        try:
            client.get(base_url())
        except httpx.HTTPError:
            print(not_running_message(base_url()), file=sys.stderr)
            return 2
        print("Trò chuyện với trợ lý thủ tục hành chính. Gõ /thoat hoặc Ctrl-D để thoát.")
        print("Chat with the assistant. Type /quit or press Ctrl-D to leave.")
        while True:
            try:
                text = unicodedata.normalize("NFC", input("\n🧑 ")).strip()
            except (EOFError, KeyboardInterrupt):
                print()
                return 0
            if not text:
                continue
            if text.lower() in QUIT_WORDS:
                return 0
            try:
                response = client.post(url, json={"sender": sender, "message": to_message(text, buttons)})
                response.raise_for_status()
            except httpx.ConnectError:
                print(not_running_message(base_url()), file=sys.stderr)
                continue
            except httpx.HTTPError as error:
                print(f"Lỗi khi gửi tin nhắn — request failed: {error}", file=sys.stderr)
                continue
            buttons = render(response.json())


if __name__ == "__main__":
    sys.exit(main())
