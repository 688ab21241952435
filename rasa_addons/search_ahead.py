"""Rasa's REST channel, plus an early hint to the action server: "this text may be searched".

A catalogue answer's search needs only the citizen's words, not Rasa's
classification of them. This channel is Rasa's own ``RestInput`` (same URL,
``/webhooks/rest/webhook``, same behaviour) that also hands every incoming text
to the action server's ``POST /search-ahead`` as it arrives; the action server
searches while Rasa runs NLU, so the answer no longer waits for the embedding
model (``knowledge.search.ahead`` explains the rules that keep results
identical).

The hint must never slow the conversation down or break it: it is sent from a
background thread, at most ``QUEUE_SIZE`` wait, and any failure (action server
down or restarting) only drops the hint.

credentials.yml::

    rasa_addons.search_ahead.RestInputWithSearchAhead:
      search_ahead_url: "http://127.0.0.1:5055/search-ahead"   # empty: no hints
"""

from __future__ import annotations

import http.client
import json
import logging
import queue
import threading
from typing import Any, Optional
from urllib.parse import urlsplit

from rasa.core.channels.rest import RestInput
from sanic.request import Request

log = logging.getLogger(__name__)

QUEUE_SIZE = 32
TIMEOUT_SECONDS = 1.0


class SearchAheadHints:
    """Posts texts to ``url`` from a daemon thread; ``send`` returns at once."""

    def __init__(self, url: str, timeout: float = TIMEOUT_SECONDS):
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"search_ahead_url must be an http:// URL, got {url!r}")
        self.url = url
        self._host = parts.hostname
        self._port = parts.port or 80
        self._path = parts.path or "/"
        self._timeout = timeout
        self._queue: queue.Queue[str] = queue.Queue(maxsize=QUEUE_SIZE)
        self._thread: Optional[threading.Thread] = None
        self._start_lock = threading.Lock()
        self.sent = 0
        self.dropped = 0

    def send(self, text: str) -> None:
        if not isinstance(text, str) or not text.strip():
            return
        self._ensure_thread()
        try:
            self._queue.put_nowait(text)
        except queue.Full:  # the action server is not keeping up (or is down): skip the hint
            self.dropped += 1

    def wait_until_sent(self, timeout: float = 5.0) -> None:
        """Block until every queued hint has been handled (tests and shutdown)."""
        finished = threading.Event()

        def wait() -> None:
            self._queue.join()
            finished.set()

        threading.Thread(target=wait, daemon=True).start()
        finished.wait(timeout)

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="search-ahead-hints", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            text = self._queue.get()
            try:
                self._post(text)
                self.sent += 1
            except (OSError, http.client.HTTPException) as exc:
                self.dropped += 1
                log.debug("search-ahead hint not delivered to %s: %s", self.url, exc)
            finally:
                self._queue.task_done()

    def _post(self, text: str) -> None:
        """One short-lived connection per hint.

        A kept-alive connection would save ~0.1 ms in this background thread but
        would hold the action server's worker open when it is asked to stop
        (Sanic then tears its loop down mid-cleanup and prints a traceback).
        """
        body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "Connection": "close"}
        connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
        try:
            connection.request("POST", self._path, body=body, headers=headers)
            connection.getresponse().read()
        finally:
            connection.close()


class RestInputWithSearchAhead(RestInput):
    """``RestInput`` under the same name ("rest"), sending each text ahead to the action server."""

    def __init__(self, search_ahead_url: Optional[str] = None) -> None:
        self.hints = SearchAheadHints(search_ahead_url) if search_ahead_url else None

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> RestInputWithSearchAhead:
        return cls((credentials or {}).get("search_ahead_url") or None)

    @classmethod
    def name(cls) -> str:
        return "rest"

    def _extract_message(self, req: Request) -> Optional[str]:
        text = super()._extract_message(req)
        if self.hints is not None and isinstance(text, str):
            self.hints.send(text)
        return text
