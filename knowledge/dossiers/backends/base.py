"""What every dossier back end offers, and the ownership check the chat relies on."""

from __future__ import annotations

import hmac
from typing import Optional, Protocol, runtime_checkable

from knowledge.dossiers.model import Dossier


class BackendUnavailable(RuntimeError):
    """The store or the province's system cannot answer right now.

    Messages say what failed (timeout, HTTP 500, malformed JSON) and never carry
    a dossier code or personal data, since they end up in logs.
    """


@runtime_checkable
class DossierBackend(Protocol):
    def get(self, code: str) -> Optional[Dossier]:
        """The dossier with this canonical code, or ``None``; BackendUnavailable when it cannot tell."""
        ...


# Compared against when there is no dossier (or no phone on it), so a lookup
# takes the same path and time whether or not the code exists.
_NO_DIGITS = "\x00" * 4


def owner_matches(dossier: Optional[Dossier], phone_last4: str) -> bool:
    """Whether ``phone_last4`` are the last four digits of the phone registered with the dossier.

    Constant-time comparison, and the same work for a missing dossier, so
    neither the answer nor its timing tells whether the code exists. A dossier
    without a registered phone never matches: without it nobody can prove
    ownership through the chat.
    """
    expected = dossier.applicant.phone_last4 if dossier is not None else ""
    matched = hmac.compare_digest((expected or _NO_DIGITS).encode(), phone_last4.encode())
    return matched and bool(expected)
