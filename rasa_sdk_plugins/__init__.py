"""Extensions of the action server, through rasa_sdk's plugin hook.

rasa_sdk (``rasa_sdk.plugin``) imports a top-level package of this name when
it exists and calls ``init_hooks``; every Sanic app it builds, in the manager
and in each worker, then passes through ``attach_sanic_app_extensions``. The
project root is on the action server's path (it runs from there), so this
package needs no installation.
"""

from __future__ import annotations

import pluggy


def init_hooks(manager: pluggy.PluginManager) -> None:
    from actions import search_ahead

    manager.register(search_ahead, name="tthc-search-ahead")
