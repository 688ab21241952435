"""Deciding what to say: which procedure, whether to ask, and the reply itself.

Kept apart from rasa_sdk so the decisions read as plain functions from what
the citizen said (and what the conversation already knows) to a ``Turn``:
the messages to send and the slots to set. The action classes only translate
a ``Turn`` into dispatcher calls and ``SlotSet`` events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from actions import contract
from actions.services import Services
from knowledge.answers import ASPECT_LABELS, body, display_name, level_labels, option_labels, render
from knowledge.answers.text import clip, join_words, levels_phrase
from knowledge.catalogue.model import LEVELS, Procedure

# Long messages are cut before retrieval: no procedure needs more words than
# this, and a 10,000-character paste should not cost a 10,000-character search.
MAX_QUERY_CHARS = 500

EXAMPLE_QUESTIONS = (
    "Đăng ký khai sinh cần những giấy tờ gì?",
    "Lệ phí cấp hộ chiếu là bao nhiêu?",
    "Hồ sơ của tôi đã giải quyết đến đâu rồi?",
)
CAPABILITIES = (
    "Tôi có thể cho anh/chị biết về các thủ tục hành chính: giấy tờ cần chuẩn bị, phí, lệ phí, "
    "thời hạn giải quyết, các bước, nơi nộp, có nộp trực tuyến được không; "
    "và tra cứu tình trạng hồ sơ đã nộp."
)


@dataclass
class Message:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Turn:
    messages: list[Message]
    slots: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ questions


def answer_question(services: Services, text: str, aspect: str, current_code: Optional[str]) -> Turn:
    """Answer ``aspect`` for the procedure the citizen means.

    A message that names no procedure ("còn lệ phí thì sao?") is about the
    current one; a message that names one is searched, and what it finds
    replaces the current procedure.
    """
    query = search_query(text)
    current = services.catalogue.get(current_code) if current_code else None
    if current is not None and not services.names_procedure(query):
        return answer_current(services, current, aspect)
    result = services.searcher.search(query) if query else None
    hits = list(result.hits) if result is not None else []
    if hits and result is not None and result.clear:
        return answer_found(services, hits[0].code, aspect)
    if current is not None and any(hit.family == current.family for hit in hits):
        return answer_current(services, current, aspect)
    if hits:  # not clear: the searcher's confidence is the first hit's lead, so offer the top ones
        return offer_procedures(services, [hit.code for hit in hits], aspect)
    if not services.names_procedure(query):
        return ask_which_procedure(aspect)
    return not_found()


def search_query(text: str) -> str:
    """What of a message is searched (also what the channel's early hint searches ahead)."""
    return text[:MAX_QUERY_CHARS].strip()


def answer_current(services: Services, proc: Procedure, aspect: str) -> Turn:
    """A follow-up: answer for the procedure already chosen, never re-asking its level."""
    messages = [Message(render(proc, aspect, services.today()))]
    others = _differing_variants(services, proc, aspect)
    if others:
        messages.append(
            Message(
                f"Lưu ý: thủ tục này ở {_variants_phrase(others)} có {ASPECT_LABELS[aspect]} khác với trên."
            )
        )
    return _answered(proc, aspect, messages)


def answer_found(services: Services, code: str, aspect: str) -> Turn:
    """Answer for a procedure just identified; ask for the level only when it changes the answer."""
    proc = services.catalogue.get(code)
    if proc is None:
        return not_found()
    variants = _family(services, proc)
    if len(variants) > 1:
        today = services.today()
        answers = {body(v, aspect, today) for v in variants}
        if len(answers) > 1:
            return offer_levels(proc, variants, aspect)
        others = [v for v in variants if v.code != proc.code]
        messages = [
            Message(render(proc, aspect, today)),
            Message(
                f"Thủ tục này còn được thực hiện ở {_variants_phrase(others)}; "
                f"{ASPECT_LABELS[aspect]} như trên."
            ),
        ]
        return _answered(proc, aspect, messages)
    return _answered(proc, aspect, [Message(render(proc, aspect, services.today()))])


def _answered(proc: Procedure, aspect: str, messages: list[Message]) -> Turn:
    slots = {
        contract.PROCEDURE_CODE: proc.code,
        contract.ASPECT: aspect,
        contract.CANDIDATES: None,
        contract.PENDING_ASPECT: None,
    }
    return Turn(messages, slots)


def _family(services: Services, proc: Procedure) -> list[Procedure]:
    """Every level of the procedure's family, the procedure itself first, then by level."""
    members = [m for m in services.catalogue.family(proc.family) if m.code != proc.code]
    members.sort(key=lambda m: (_level_rank(m), m.code))
    return [proc, *members]


def _level_rank(proc: Procedure) -> int:
    return min((LEVELS.index(level) for level in proc.levels if level in LEVELS), default=len(LEVELS))


def _differing_variants(services: Services, proc: Procedure, aspect: str) -> list[Procedure]:
    variants = _family(services, proc)
    if len(variants) < 2:
        return []
    today = services.today()
    own = body(proc, aspect, today)
    return [v for v in variants[1:] if body(v, aspect, today) != own]


def _variants_phrase(variants: Sequence[Procedure]) -> str:
    """ "cấp bộ (mã 1.001471) và cấp xã (mã 1.010386)"."""
    return join_words([f"{levels_phrase(v.levels)} (mã {v.code})" for v in variants], "và")


# -------------------------------------------------------------------- options


def offer_procedures(services: Services, codes: Sequence[str], aspect: str) -> Turn:
    """Up to four procedures to choose from; each is labelled with its family's levels."""
    procs = [p for p in (services.catalogue.get(code) for code in codes) if p is not None]
    procs = procs[: contract.MAX_OPTIONS]
    if not procs:
        return not_found()
    labels = option_labels(procs, [_family_levels(services, p) for p in procs])
    text = "Tôi tìm thấy một số thủ tục gần với câu hỏi của anh/chị. Anh/chị hỏi về thủ tục nào ạ?"
    return _options(text, procs, _distinct_labels(labels, procs), aspect)


def offer_levels(proc: Procedure, variants: Sequence[Procedure], aspect: str) -> Turn:
    """The same procedure at several levels, with answers that differ: ask which level."""
    variants = list(variants)[: contract.MAX_OPTIONS]
    labels = level_labels(variants)
    text = (
        f"«{clip(display_name(proc), 120)}» được thực hiện ở nhiều cấp, "
        f"và {ASPECT_LABELS[aspect]} khác nhau giữa các cấp. Anh/chị làm thủ tục ở cấp nào ạ?"
    )
    return _options(text, variants, _distinct_labels(labels, variants), aspect)


def _options(text: str, procs: Sequence[Procedure], labels: Sequence[str], aspect: str) -> Turn:
    numbered = "\n".join(f"{n}. {label}" for n, label in enumerate(labels, start=1))
    buttons = [
        {"title": label, "payload": contract.option_payload(n)} for n, label in enumerate(labels, start=1)
    ]
    slots = {
        contract.PROCEDURE_CODE: None,
        contract.CANDIDATES: [p.code for p in procs],
        contract.PENDING_ASPECT: aspect,
    }
    return Turn([Message(f"{text}\n{numbered}", buttons)], slots)


def _family_levels(services: Services, proc: Procedure) -> list[str]:
    return sorted({level for member in _family(services, proc) for level in member.levels})


def _distinct_labels(labels: Sequence[str], procs: Sequence[Procedure]) -> list[str]:
    """Add the code to labels that would otherwise read the same."""
    return [
        f"{label} – mã {proc.code}" if labels.count(label) > 1 else label
        for label, proc in zip(labels, procs, strict=True)
    ]


def choose(services: Services, option: Optional[int], candidates: Sequence[str], aspect: str) -> Turn:
    """The citizen picked option ``option`` (1-based) of ``candidates``."""
    if not candidates:
        return Turn(
            [Message("Hiện không có lựa chọn nào đang chờ. Anh/chị cần hỏi về thủ tục nào ạ?")],
            {contract.CANDIDATES: None},
        )
    if option is None or not 1 <= option <= len(candidates):
        turn = _reoffer(services, candidates, aspect)
        turn.messages.insert(
            0, Message(f"Anh/chị vui lòng chọn một số từ 1 đến {len(candidates)} trong danh sách ạ.")
        )
        return turn
    chosen = services.catalogue.get(candidates[option - 1])
    if chosen is None:
        return not_found()
    if one_family(services, candidates):
        # The citizen just picked a level: answer it, do not ask again.
        return _answered(chosen, aspect, [Message(render(chosen, aspect, services.today()))])
    return answer_found(services, chosen.code, aspect)


def reoffer_for_aspect(services: Services, candidates: Sequence[str], aspect: str) -> Turn:
    """A new aspect asked while options are waiting: the same options, for that aspect.

    Levels of one procedure are offered again only if they answer the new
    aspect differently; otherwise the answer is given at once.
    """
    if one_family(services, candidates):
        return answer_found(services, candidates[0], aspect)
    procs = [p for p in (services.catalogue.get(code) for code in candidates) if p is not None]
    if not procs:
        return ask_which_procedure(aspect)
    labels = option_labels(procs, [_family_levels(services, p) for p in procs])
    text = f"Anh/chị muốn hỏi {ASPECT_LABELS[aspect]} của thủ tục nào trong các thủ tục sau ạ?"
    return _options(text, procs, _distinct_labels(labels, procs), aspect)


def one_family(services: Services, codes: Sequence[str]) -> bool:
    """The codes are levels of one procedure (the options of "ở cấp nào ạ?")."""
    procs = [p for p in (services.catalogue.get(code) for code in codes) if p is not None]
    return len(procs) > 1 and len({p.family for p in procs}) == 1


def _reoffer(services: Services, candidates: Sequence[str], aspect: str) -> Turn:
    if one_family(services, candidates):
        procs = [p for p in (services.catalogue.get(code) for code in candidates) if p is not None]
        return offer_levels(procs[0], procs, aspect)
    return offer_procedures(services, candidates, aspect)


# ----------------------------------------------------------- nothing to answer


def ask_which_procedure(aspect: str) -> Turn:
    """An aspect without a procedure and no current one: ask for the procedure, keep the aspect."""
    label = ASPECT_LABELS[aspect]
    text = (
        f"Anh/chị muốn hỏi {label} của thủ tục nào ạ? "
        "Anh/chị nhắn tên thủ tục, ví dụ: «cấp hộ chiếu» hoặc «đăng ký khai sinh»."
    )
    return Turn([Message(text)], {contract.PENDING_ASPECT: aspect, contract.CANDIDATES: None})


def not_found() -> Turn:
    text = (
        "Xin lỗi, tôi chưa tìm thấy thủ tục phù hợp với câu hỏi của anh/chị. "
        "Anh/chị có thể nói rõ hơn tên thủ tục (ví dụ: «cấp lại giấy khai sinh», «đăng ký thường trú»)."
    )
    return Turn([Message(text), Message(capabilities_text())])


def capabilities_text() -> str:
    examples = "\n".join(f"- {question}" for question in EXAMPLE_QUESTIONS)
    return f"{CAPABILITIES}\nAnh/chị có thể hỏi, ví dụ:\n{examples}"


def fallback(out_of_scope: bool) -> Turn:
    """Low NLU confidence or a question outside procedures: what the assistant can do, with examples."""
    opening = (
        "Xin lỗi, câu hỏi này nằm ngoài phạm vi tôi có thể hỗ trợ."
        if out_of_scope
        else "Xin lỗi, tôi chưa hiểu rõ câu hỏi của anh/chị."
    )
    return Turn([Message(f"{opening}\n{capabilities_text()}")])


UNAVAILABLE = (
    "Xin lỗi anh/chị, hiện tôi chưa tra cứu được cơ sở dữ liệu thủ tục hành chính "
    "(dữ liệu đang được chuẩn bị). Anh/chị vui lòng thử lại sau ít phút."
)
FAILED = (
    "Xin lỗi anh/chị, đã có lỗi khi tra cứu thông tin. Anh/chị vui lòng thử lại, hoặc hỏi theo cách khác."
)
