"""What the actions need from ``knowledge/``, built once per process and replaceable.

The action server is long-lived; opening the catalogue and loading the
retrieval index (an embedding model among it) for every message would cost
seconds, so one ``Services`` is built on first use and shared.

``use(factory)`` swaps how it is built. Tests pass a small in-memory
catalogue and searcher this way, and another deployment could pass its own
store, without the actions knowing. The dossier lookup is provided the same
way (``dossiers``), separately, so it works even before the catalogue is built.

Warm-up: importing ``actions`` stays fast (rasa_sdk imports every module at
start); the action server's serving process then warms the services in a
background thread (``warm_up_in_background``, started from
``actions/__init__.py``), so the first citizen does not wait for the model to
load while the server already answers health checks. A request that arrives
during warm-up waits for it to finish (one lock).

A new index (``tthc index build``) is picked up by restarting the action
server; a re-imported catalogue is picked up at once (the store reopens).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Generic, Optional, Protocol, TypeVar

from actions.contract import MAX_OPTIONS
from knowledge.catalogue.model import Procedure

if TYPE_CHECKING:
    from knowledge.dossiers import DossierLookup

T = TypeVar("T")

log = logging.getLogger(__name__)


class Hit(Protocol):
    code: str
    name: str
    score: float
    family: str
    levels: list[str]
    variants: list[str]


class SearchResult(Protocol):
    clear: bool
    confidence: float
    hits: Sequence[Hit]


class Searcher(Protocol):
    def search(self, query: str, top_k: int = 5) -> SearchResult: ...


class Catalogue(Protocol):
    def get(self, code: str) -> Optional[Procedure]: ...

    def family(self, key: str) -> list[Procedure]: ...


@dataclass(frozen=True)
class Services:
    catalogue: Catalogue
    searcher: Searcher
    # False when a message names only an aspect ("còn lệ phí thì sao?").
    names_procedure: Callable[[str], bool]
    today: Callable[[], date] = field(default=date.today)


class ServicesUnavailable(RuntimeError):
    """The catalogue or the index is not built (or cannot be read) yet."""


def default_services() -> Services:
    """The imported catalogue and the index built by ``tthc index build``."""
    from knowledge.catalogue.store import CatalogueStore
    from knowledge.search import get_searcher, query_has_procedure
    from knowledge.search.ahead import SearchAhead

    store = CatalogueStore()
    store.count()  # fails now, with CatalogueNotBuilt, rather than in the middle of a reply
    # SearchAhead: the channel's early hint (rasa_sdk_plugins) starts the search
    # while Rasa is still classifying the message, then reads the hits' records,
    # so the answer finds them decoded.
    searcher = SearchAhead(get_searcher(), then=lambda result: read_hits_ahead(store, result))
    return Services(catalogue=store, searcher=searcher, names_procedure=query_has_procedure)


def read_hits_ahead(catalogue: Catalogue, result: SearchResult) -> None:
    """Read every level of the hits an answer may show (the first one, or the options offered)."""
    for hit in list(result.hits)[:MAX_OPTIONS]:
        catalogue.family(hit.family)


class Provider(Generic[T]):
    """One shared ``T`` per process, built on first use by a replaceable factory.

    A failed build is not cached: once the operator has imported the
    catalogue and built the index, the next message works without a restart.
    """

    def __init__(self, default_factory: Callable[[], T]):
        self._default = default_factory
        self._factory = default_factory
        self._value: Optional[T] = None
        self._lock = threading.Lock()

    def use(self, factory: Optional[Callable[[], T]]) -> None:
        """Build with ``factory`` from now on (``None``: the default); drops the current value."""
        with self._lock:
            self._factory = factory or self._default
            self._value = None

    def get(self) -> T:
        with self._lock:
            if self._value is None:
                self._value = self._factory()
            return self._value

    def peek(self) -> Optional[T]:
        """The value if it is built, without building it or waiting for a build in progress."""
        return self._value


def default_dossier_lookup() -> DossierLookup:
    from knowledge.dossiers import default_lookup

    return default_lookup()


answering = Provider(default_services)
dossiers = Provider(default_dossier_lookup)


def use(factory: Optional[Callable[[], Services]]) -> None:
    """Answer from the services ``factory`` builds (``None``: the imported catalogue and index)."""
    answering.use(factory)


def get() -> Services:
    """The shared answering services; ``ServicesUnavailable`` when the catalogue or index is not built."""
    try:
        return answering.get()
    except FileNotFoundError as exc:  # CatalogueNotBuilt and IndexNotBuilt are both this
        raise ServicesUnavailable(str(exc)) from exc


WARM_UP_QUERY = "đăng ký khai sinh cần giấy tờ gì"


def warm_up() -> None:
    """Build the services and run one search, so that lazy parts (model, index) are loaded."""
    try:
        get().searcher.search(WARM_UP_QUERY)
        log.info("Action services ready.")
    except ServicesUnavailable as exc:
        log.warning("Action services not available yet: %s", exc)
    except Exception:  # a warm-up must never take the server down; the request path reports it
        log.exception("Warming up the action services failed.")


def warm_up_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="tthc-actions-warm-up", daemon=True)
    thread.start()
    return thread
