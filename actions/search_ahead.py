"""The action server's end of search-ahead: ``POST /search-ahead`` starts a search early.

Rasa's REST channel (``rasa_addons.search_ahead``) posts each incoming text
here the moment it arrives, before Rasa has classified it; the search runs
in the background (``knowledge.search.ahead``), and ``action_answer_procedure``
finds it done. ``GET /search-ahead`` reports how often that worked, for
operators and for the end-to-end test.

The route never waits: before the services have warmed up, or for a text that
is not a string, it answers at once and nothing is searched. It is mounted
through rasa_sdk's own plugin hook (``rasa_sdk_plugins``), so the server is
still started with ``python -m rasa_sdk``.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pluggy
from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from actions import services
from actions.answering import search_query
from knowledge.text import nfc

PATH = "/search-ahead"
MAX_BODY_BYTES = 64 * 1024

hookimpl = pluggy.HookimplMarker("rasa_sdk")


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    app.add_route(start_search, PATH, methods=["POST"], name="search_ahead_start")
    app.add_route(report, PATH, methods=["GET"], name="search_ahead_report")


async def start_search(request: Request) -> HTTPResponse:
    text = _text(request.body)
    if text is None:
        return response.json(
            {"error": 'Cần JSON {"text": "..."} / expected JSON {"text": "..."}'}, status=400
        )
    searcher = _searcher()
    queued = bool(searcher is not None and searcher.prefetch(search_query(" ".join(nfc(text).split()))))
    return response.json({"queued": queued}, status=202)


async def report(_: Request) -> HTTPResponse:
    searcher = _searcher()
    stats = dataclasses.asdict(searcher.stats) if searcher is not None else {}
    return response.json({"ready": searcher is not None, **stats})


def _searcher() -> Any:
    """The shared searcher if the services are built and it searches ahead; never builds them."""
    built = services.answering.peek()
    searcher = getattr(built, "searcher", None)
    return searcher if hasattr(searcher, "prefetch") else None


def _text(body: bytes) -> str | None:
    if not body or len(body) > MAX_BODY_BYTES:
        return None
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    text = payload.get("text") if isinstance(payload, dict) else None
    return text if isinstance(text, str) else None
