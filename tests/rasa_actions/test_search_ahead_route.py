"""The action server's /search-ahead route: starts a search early, never builds or waits."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest

from actions import search_ahead, services
from knowledge.catalogue.model import Procedure
from knowledge.search.ahead import SearchAhead
from rasa_actions.fakes import (
    BIRTH,
    BIRTH_FOREIGN,
    MARRIAGE,
    PASSPORT_PROVINCE,
    STAMP,
    MemoryCatalogue,
    ScriptedSearcher,
    SearchResult,
    hit,
    services_over,
)


def post(body: bytes) -> tuple[int, dict]:
    reply = asyncio.run(search_ahead.start_search(SimpleNamespace(body=body)))
    return reply.status, json.loads(reply.body)


def report() -> dict:
    return json.loads(asyncio.run(search_ahead.report(SimpleNamespace())).body)


@pytest.fixture
def ahead(searcher: ScriptedSearcher, catalogue) -> SearchAhead:
    wrapper = SearchAhead(searcher)
    services.use(services_over(catalogue, wrapper, searcher.names_procedure))
    yield wrapper
    wrapper.close()


def test_before_warm_up_nothing_is_built_or_searched(ahead: SearchAhead):
    assert post(json.dumps({"text": "lệ phí kết hôn"}).encode()) == (202, {"queued": False})
    assert services.answering.peek() is None  # the route did not build the services
    assert report() == {"ready": False}


def test_after_warm_up_the_text_is_searched_ahead(ahead: SearchAhead):
    services.get()
    status, body = post(json.dumps({"text": "  lệ phí   kết hôn "}).encode())
    assert (status, body) == (202, {"queued": True})
    ahead.search("lệ phí kết hôn")  # what the action will ask, once Rasa has classified it
    assert report() == {"ready": True, "prefetched": 1, "answered_ahead": 1, "searched": 0}
    assert post(json.dumps({"text": "lệ phí kết hôn"}).encode()) == (202, {"queued": False})  # known


def test_without_a_search_ahead_searcher_the_route_does_nothing(searcher: ScriptedSearcher):
    services.get()  # the plain scripted searcher of the other action tests
    assert post(json.dumps({"text": "lệ phí kết hôn"}).encode()) == (202, {"queued": False})


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b'{"text": 5}',
        b"[1, 2]",
        b'{"message": "x"}',
        b"\xff\xfe",
        b'{"text": "' + b"a" * 70_000 + b'"}',
    ],
    ids=["empty", "not-json", "number", "list", "no-text", "not-utf8", "too-large"],
)
def test_bodies_without_a_text_are_refused(ahead: SearchAhead, body: bytes):
    services.get()
    status, reply = post(body)
    assert status == 400 and "text" in reply["error"]
    assert ahead.stats.prefetched == 0


class RecordingCatalogue(MemoryCatalogue):
    def __init__(self) -> None:
        super().__init__()
        self.families_read: list[str] = []

    def family(self, key: str) -> list[Procedure]:
        self.families_read.append(key)
        return super().family(key)


def test_the_records_of_every_hit_an_answer_may_show_are_read_ahead():
    catalogue = RecordingCatalogue()
    hits = [hit(p) for p in (PASSPORT_PROVINCE, BIRTH, BIRTH_FOREIGN, MARRIAGE, STAMP)]
    services.read_hits_ahead(catalogue, SearchResult("q", clear=False, confidence=0.1, hits=hits))
    assert catalogue.families_read == [p.family for p in (PASSPORT_PROVINCE, BIRTH, BIRTH_FOREIGN, MARRIAGE)]
    services.read_hits_ahead(catalogue, SearchResult("q", clear=False, confidence=0.0, hits=[]))
    assert len(catalogue.families_read) == 4
