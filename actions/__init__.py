"""Custom Rasa actions: thin adapters between the conversation and ``knowledge/``.

Started as ``python -m rasa_sdk --actions actions``. rasa_sdk imports every
module of this package and registers each concrete ``Action`` subclass:

- ``procedure``: ``action_answer_procedure``, ``action_choose_option``
- ``fallback``: ``action_default_fallback``
- ``human``: ``action_request_human``

Importing is cheap (no catalogue, no model). When this process *is* the
action server, the catalogue and the retrieval index are then loaded in a
background thread, so the server is up at once and the first answer does not
pay for loading the model. ``TTHC_ACTIONS_WARMUP=1`` or ``=0`` forces it on or
off (tests and tools that only import the package do not warm up).
"""

from __future__ import annotations

import os
import sys


def _is_action_server() -> bool:
    setting = os.environ.get("TTHC_ACTIONS_WARMUP", "auto").strip().lower()
    if setting in ("1", "true", "yes"):
        return True
    if setting in ("0", "false", "no"):
        return False
    main_spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return main_spec is not None and main_spec.name.startswith("rasa_sdk")


if _is_action_server():
    from actions import services as _services

    _services.warm_up_in_background()
