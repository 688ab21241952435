"""The privacy-preserving dossier lookup the chat calls.

``DossierLookup.check(code, phone_last4, conversation_id)`` answers only when
the code exists *and* the digits are the last four of the phone registered with
it. Otherwise the outcome is the same ``NOT_VERIFIED`` whether the code is
unknown or the digits are wrong, with the same message and the same attempt
count, so the reply never tells a stranger that a code exists. The digits are
compared in constant time, against a dummy when there is no dossier; what is
left of a timing difference (reading one row versus finding none) is
microseconds, against a chat round trip of hundreds of milliseconds and five
tries per quarter hour.

Failed checks are limited per conversation (5 in 15 minutes) and, as a second
line against someone opening many conversations to guess one code's digits,
per code (20 a day by default for :func:`default_lookup`). A malformed code or
digit string is not counted: the format is public and a typo is not a guess.

Logs carry the outcome and keyed fingerprints of the code and conversation,
never the code, the digits or anything from the record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Optional

from knowledge.dossiers import messages
from knowledge.dossiers.backends.base import BackendUnavailable, DossierBackend, owner_matches
from knowledge.dossiers.codes import CodeFormat, find_code
from knowledge.dossiers.limiter import (
    AttemptLimiter,
    Attempts,
    InMemoryAttemptLimiter,
    LimiterUnavailable,
    RedisAttemptLimiter,
)
from knowledge.dossiers.lunar import VIETNAM
from knowledge.dossiers.model import PublicView
from knowledge.dossiers.privacy import counter_key, fingerprint
from knowledge.dossiers.workdays import WorkCalendar
from knowledge.text import nfc

log = logging.getLogger(__name__)

CODE_LIMIT = 20
CODE_WINDOW_SECONDS = 24 * 3600


class OutcomeKind(StrEnum):
    FOUND = "found"
    NOT_VERIFIED = "not_verified"  # unknown code OR wrong digits: deliberately indistinguishable
    LOCKED = "locked"  # too many failures; retry_after says how long
    INVALID_CODE = "invalid_code"  # not a dossier code at all
    INVALID_DIGITS = "invalid_digits"  # not four digits
    UNAVAILABLE = "unavailable"  # the store, the province API or the limiter is down


@dataclass(frozen=True)
class LookupOutcome:
    kind: OutcomeKind
    view: Optional[PublicView] = None  # only when FOUND
    attempts_left: Optional[int] = None  # after NOT_VERIFIED
    retry_after: Optional[timedelta] = None  # when LOCKED
    code: Optional[str] = None  # the canonical code recognised in the input (the user's own text)

    @property
    def found(self) -> bool:
        return self.kind is OutcomeKind.FOUND

    @property
    def message(self) -> str:
        """The reply for the citizen, in Vietnamese."""
        if self.kind is OutcomeKind.FOUND and self.view is not None:
            return self.view.to_text()
        if self.kind is OutcomeKind.NOT_VERIFIED:
            return messages.not_verified(self.attempts_left)
        if self.kind is OutcomeKind.LOCKED:
            return messages.locked(self.retry_after or timedelta())
        if self.kind is OutcomeKind.INVALID_CODE:
            return messages.INVALID_CODE
        if self.kind is OutcomeKind.INVALID_DIGITS:
            return messages.INVALID_DIGITS
        return messages.UNAVAILABLE


def vietnam_today() -> date:
    """Today in Việt Nam, whatever the server's time zone."""
    return datetime.now(VIETNAM).date()


class DossierLookup:
    def __init__(
        self,
        backend: DossierBackend,
        attempt_limiter: Optional[AttemptLimiter] = None,
        *,
        code_limiter: Optional[AttemptLimiter] = None,
        calendar: Optional[WorkCalendar] = None,
        today: Callable[[], date] = vietnam_today,
        code_format: Optional[CodeFormat] = None,
    ) -> None:
        self.backend = backend
        self.limiter = attempt_limiter or InMemoryAttemptLimiter()
        self.code_limiter = code_limiter
        self.calendar = calendar
        self.today = today
        self.code_format = code_format

    def check(self, code: str, phone_last4: str, conversation_id: str) -> LookupOutcome:
        """Look up ``code`` (as typed: spaces, dots, a whole sentence) for whoever knows ``phone_last4``.

        ``conversation_id`` is the chat's sender or conversation id; failures are counted per id.
        """
        if not conversation_id:
            raise ValueError("conversation_id is required: failed attempts are counted per conversation")
        parsed = find_code(code or "", self.code_format)
        if parsed is None:
            return self._done(OutcomeKind.INVALID_CODE, None, conversation_id)
        digits = nfc(phone_last4 or "").strip()
        if len(digits) != 4 or not digits.isascii() or not digits.isdigit():
            return self._done(OutcomeKind.INVALID_DIGITS, parsed.code, conversation_id)
        keys = [(self.limiter, counter_key("conversation", conversation_id))]
        if self.code_limiter is not None:
            keys.append((self.code_limiter, counter_key("code", parsed.code)))
        try:
            lock = self._lock(keys)
            if lock is not None:
                return self._done(OutcomeKind.LOCKED, parsed.code, conversation_id, retry_after=lock)
            dossier = self.backend.get(parsed.code)
            if owner_matches(dossier, digits) and dossier is not None:
                view = dossier.public_view(self.today(), self.calendar)
                return self._done(OutcomeKind.FOUND, parsed.code, conversation_id, view=view)
            after = [limiter.record_failure(key) for limiter, key in keys]
        except (BackendUnavailable, LimiterUnavailable) as exc:
            log.warning("dossier lookup unavailable: %s", exc)
            return self._done(OutcomeKind.UNAVAILABLE, parsed.code, conversation_id)
        locked = [a for a in after if a.locked]
        if locked:
            wait = max(a.retry_after for a in locked)
            return self._done(OutcomeKind.LOCKED, parsed.code, conversation_id, retry_after=wait)
        return self._done(OutcomeKind.NOT_VERIFIED, parsed.code, conversation_id, attempts_left=after[0].left)

    @staticmethod
    def _lock(keys: list[tuple[AttemptLimiter, str]]) -> Optional[float]:
        states: list[Attempts] = [limiter.attempts(key) for limiter, key in keys]
        waits = [state.retry_after for state in states if state.locked]
        return max(waits) if waits else None

    @staticmethod
    def _done(
        kind: OutcomeKind,
        code: Optional[str],
        conversation_id: str,
        *,
        view: Optional[PublicView] = None,
        attempts_left: Optional[int] = None,
        retry_after: Optional[float] = None,
    ) -> LookupOutcome:
        log.info(
            "dossier lookup outcome=%s code#=%s conversation#=%s",
            kind.value,
            fingerprint(code) if code else "-",
            fingerprint(conversation_id),
        )
        return LookupOutcome(
            kind=kind,
            view=view,
            attempts_left=attempts_left,
            retry_after=timedelta(seconds=retry_after) if retry_after is not None else None,
            code=code,
        )


def default_lookup(backend: Optional[DossierBackend] = None) -> DossierLookup:
    """The lookup as configured by the environment; build it once per process and reuse it."""
    from knowledge.dossiers.backends import open_backend
    from knowledge.dossiers.settings import redis_url

    url = redis_url()
    if url:
        conversations: AttemptLimiter = RedisAttemptLimiter(url)
        codes: AttemptLimiter = RedisAttemptLimiter(url, limit=CODE_LIMIT, window=CODE_WINDOW_SECONDS)
    else:
        conversations = InMemoryAttemptLimiter()
        codes = InMemoryAttemptLimiter(limit=CODE_LIMIT, window=CODE_WINDOW_SECONDS)
    return DossierLookup(backend or open_backend(), conversations, code_limiter=codes)
