"""Dossier (hồ sơ) status lookup: "hồ sơ của tôi đến đâu rồi?".

What the chat uses::

    from knowledge.dossiers import default_lookup, find_code

    lookup = default_lookup()                  # once per process
    outcome = lookup.check(code_text, last4, conversation_id)
    outcome.kind, outcome.message              # OutcomeKind, Vietnamese reply

Modules: ``model`` (record, public view), ``status`` (states in plain words),
``codes`` (recognising codes), ``workdays`` / ``lunar`` (working days and the
lunar holidays), ``backends`` (SQLite / PostgreSQL / province HTTP API),
``lookup`` + ``limiter`` (ownership check, attempt limits), ``importer`` and
``demo`` (loading data). No Rasa import anywhere.
"""

from __future__ import annotations

from knowledge.dossiers.codes import DossierCode, find_code, normalise_code, parse_code
from knowledge.dossiers.lookup import DossierLookup, LookupOutcome, OutcomeKind, default_lookup
from knowledge.dossiers.model import Applicant, Dossier, PublicView, StatusChange
from knowledge.dossiers.status import DossierStatus

__all__ = [
    "Applicant",
    "Dossier",
    "DossierCode",
    "DossierLookup",
    "DossierStatus",
    "LookupOutcome",
    "OutcomeKind",
    "PublicView",
    "StatusChange",
    "default_lookup",
    "find_code",
    "normalise_code",
    "parse_code",
]
