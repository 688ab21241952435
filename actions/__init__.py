"""Custom Rasa actions: thin adapters between the conversation and ``knowledge/``.

Started as ``python -m rasa_sdk --actions actions``. rasa_sdk imports every
module of this package and registers each concrete ``Action`` subclass:

- ``procedure``: ``action_answer_procedure``, ``action_choose_option``
- ``fallback``: ``action_default_fallback``
- ``human``: ``action_request_human``
- ``dossier``: ``validate_dossier_status_form``, ``action_dossier_status``

Warm-up. Importing is cheap (no catalogue, no model), so the server is up at
once. rasa_sdk serves from a Sanic worker process, spawned from a manager
process that imports this package too; only the worker loads the catalogue,
the index and the embedding model, in a background thread, so the first
citizen does not pay for it and the manager does not hold a second copy of
the model. A request arriving during warm-up waits for it to finish.
``TTHC_ACTIONS_WARMUP=1`` / ``=0`` forces warm-up on or off (tests and tools
that only import the package never warm up).
"""

from __future__ import annotations

import os


def _should_warm_up() -> bool:
    setting = os.environ.get("TTHC_ACTIONS_WARMUP", "auto").strip().lower()
    if setting in ("1", "true", "yes"):
        return True
    if setting in ("0", "false", "no"):
        return False
    # Sanic names its serving processes "Sanic-Server-<n>-<m>" in their environment;
    # the manager process, pytest and other importers have no such name.
    return "Server" in os.environ.get("SANIC_WORKER_NAME", "")


if _should_warm_up():
    from actions import services as _services

    _services.warm_up_in_background()
