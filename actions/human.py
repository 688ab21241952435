"""Asking for a person: the service centre's contact, until a real handover exists.

The contact is configuration, not code: ``TTHC_CENTRE_CONTACT`` (one line)
or ``config/centre.yml`` (``TTHC_CENTRE_CONFIG`` for another file). The file
shipped with the project is a placeholder; it is never shown to a citizen as
if it were a real phone number.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

DEFAULT_CONFIG = PROJECT_ROOT / "config" / "centre.yml"
NOT_CONFIGURED = (
    "Dạ, hiện tôi chưa thể chuyển anh/chị sang cán bộ trực tiếp. "
    "Anh/chị vui lòng liên hệ Bộ phận Một cửa (bộ phận tiếp nhận và trả kết quả) "
    "của cơ quan nơi anh/chị nộp hồ sơ để được hỗ trợ."
)
_FIELDS = (
    ("name", "{}"),
    ("phone", "Điện thoại: {}"),
    ("email", "Thư điện tử: {}"),
    ("address", "Địa chỉ: {}"),
    ("hours", "Giờ làm việc: {}"),
)


@dataclass(frozen=True)
class CentreContact:
    lines: tuple[str, ...]

    def reply(self) -> str:
        contact = "\n".join(self.lines)
        return (
            "Dạ, hiện tôi chưa thể chuyển anh/chị sang cán bộ trực tiếp. "
            f"Anh/chị vui lòng liên hệ:\n{contact}"
        )


def centre_contact() -> Optional[CentreContact]:
    """The configured contact, or ``None`` when only the placeholder (or nothing) is configured."""
    inline = " ".join(os.environ.get("TTHC_CENTRE_CONTACT", "").split())
    if inline:
        return CentreContact((inline,))
    path = Path(os.environ.get("TTHC_CENTRE_CONFIG", DEFAULT_CONFIG))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        log.warning("Centre contact not readable from %s: %s", path, exc)
        return None
    if not isinstance(data, dict) or data.get("placeholder", True):
        log.warning("Centre contact in %s is a placeholder; set `placeholder: false` once filled in.", path)
        return None
    lines = tuple(
        template.format(" ".join(str(data[key]).split())) for key, template in _FIELDS if data.get(key)
    )
    return CentreContact(lines) if lines else None


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        contact = centre_contact()
        dispatcher.utter_message(text=contact.reply() if contact else NOT_CONFIGURED)
        return []
