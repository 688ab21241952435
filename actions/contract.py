"""Names shared with the Rasa side (docs/contracts.md, "Conversation").

domain.yml declares these intents, slots and entities; the actions read and
set them by the names below, so a rename has to happen in both places.
"""

from __future__ import annotations

# Slots
PROCEDURE_CODE = "procedure_code"
ASPECT = "aspect"
CANDIDATES = "candidates"
PENDING_ASPECT = "pending_aspect"
DOSSIER_CODE = "dossier_code"
PHONE_DIGITS = "phone_digits"
DOSSIER_FAILURES = "dossier_failures"

# Entities
OPTION = "option"

# Intents
OUT_OF_SCOPE = "out_of_scope"
NLU_FALLBACK = "nlu_fallback"
ASK_PROCEDURE = "ask_procedure"

INTENT_ASPECTS = {
    "ask_documents": "documents",
    "ask_fee": "fee",
    "ask_time": "time",
    "ask_steps": "steps",
    "ask_where": "where",
    "ask_online": "online",
    "ask_conditions": "conditions",
    "ask_result": "result",
    "ask_legal_basis": "legal_basis",
    ASK_PROCEDURE: "overview",
}

MAX_OPTIONS = 4


def option_payload(number: int) -> str:
    """The button payload Rasa parses as intent ``choose_option`` with entity ``option``."""
    return f'/choose_option{{"option":"{number}"}}'
