"""The chat's lookup: answers only the owner, and says nothing else to anyone else."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest

from knowledge.dossiers.backends.base import BackendUnavailable, owner_matches
from knowledge.dossiers.limiter import InMemoryAttemptLimiter, RedisAttemptLimiter
from knowledge.dossiers.lookup import DossierLookup, OutcomeKind, default_lookup

from .conftest import PHONE, TODAY
from .test_limiter import Clock

CODE = "000.00.04.H51-260316-0007"
UNKNOWN = "000.00.04.H51-260316-0999"


@pytest.fixture()
def clock():
    return Clock()


@pytest.fixture()
def lookup(sqlite_store, make_dossier, clock):
    sqlite_store.upsert(
        [make_dossier(), make_dossier(code="000.00.04.H51-260316-0008", due_at=date(2026, 3, 20))]
    )
    return DossierLookup(sqlite_store, InMemoryAttemptLimiter(clock=clock), today=lambda: TODAY)


def test_owner_gets_the_public_view(lookup):
    outcome = lookup.check(CODE, "5678", "conv")
    assert outcome.kind is OutcomeKind.FOUND
    assert outcome.view.procedure_name == "Thủ tục đăng ký khai sinh"
    assert outcome.view.working_days_left == 2
    assert "Thủ tục đăng ký khai sinh" in outcome.message


def test_code_is_accepted_as_typed_in_a_sentence(lookup):
    outcome = lookup.check("hồ sơ 000 00 04 h51 - 260316 - 0007 ạ", "5678", "conv")
    assert outcome.found and outcome.code == CODE


def test_wrong_digits_and_unknown_code_are_indistinguishable(lookup):
    wrong_digits = lookup.check(CODE, "1234", "conv-1")
    unknown_code = lookup.check(UNKNOWN, "5678", "conv-2")
    assert wrong_digits.kind is unknown_code.kind is OutcomeKind.NOT_VERIFIED
    assert wrong_digits.message == unknown_code.message
    assert wrong_digits.view is unknown_code.view is None
    assert wrong_digits.attempts_left == unknown_code.attempts_left == 4


def test_late_dossier_message(lookup):
    outcome = lookup.check("000.00.04.H51-260316-0008", "5678", "conv")
    assert outcome.view.is_late
    assert "thành thật xin lỗi" in outcome.message


def test_lockout_after_five_failures_even_with_the_right_digits(lookup):
    for attempt in range(4):
        assert lookup.check(CODE, f"000{attempt}", "conv").kind is OutcomeKind.NOT_VERIFIED
    fifth = lookup.check(UNKNOWN, "5678", "conv")
    assert fifth.kind is OutcomeKind.LOCKED
    assert fifth.retry_after.total_seconds() == pytest.approx(900)
    assert "15 phút" in fifth.message
    locked = lookup.check(CODE, "5678", "conv")  # correct now, but the pause holds
    assert locked.kind is OutcomeKind.LOCKED and locked.view is None
    assert lookup.check(CODE, "5678", "another-conversation").found


def test_lock_lifts_when_the_window_passes(lookup, clock):
    for _ in range(5):
        lookup.check(CODE, "0000", "conv")
    clock.now += 600
    assert lookup.check(CODE, "5678", "conv").kind is OutcomeKind.LOCKED
    assert lookup.check(CODE, "5678", "conv").retry_after.total_seconds() == pytest.approx(300)
    clock.now += 301
    assert lookup.check(CODE, "5678", "conv").found


def test_success_does_not_reset_the_count(lookup):
    """Otherwise one's own dossier could be used to reset the count between guesses."""
    for _ in range(4):
        lookup.check(UNKNOWN, "0000", "conv")
    assert lookup.check(CODE, "5678", "conv").found
    assert lookup.check(UNKNOWN, "0000", "conv").kind is OutcomeKind.LOCKED


def test_malformed_input_is_not_counted(lookup):
    for _ in range(10):
        assert lookup.check("hồ sơ của tôi", "5678", "conv").kind is OutcomeKind.INVALID_CODE
        assert lookup.check(CODE, "56a8", "conv").kind is OutcomeKind.INVALID_DIGITS
        assert lookup.check(CODE, "45678", "conv").kind is OutcomeKind.INVALID_DIGITS
    assert lookup.check(CODE, "5678", "conv").found


def test_per_code_limit_stops_guessing_across_conversations(sqlite_store, make_dossier, clock):
    sqlite_store.upsert([make_dossier()])
    lookup = DossierLookup(
        sqlite_store,
        InMemoryAttemptLimiter(clock=clock),
        code_limiter=InMemoryAttemptLimiter(limit=8, window=86400, clock=clock),
        today=lambda: TODAY,
    )
    for i in range(8):
        lookup.check(CODE, f"{i:04d}", f"conv-{i}")  # a fresh conversation every time
    outcome = lookup.check(CODE, "5678", "fresh")
    assert outcome.kind is OutcomeKind.LOCKED
    assert "24 giờ" in outcome.message
    assert lookup.check("000.00.04.H51-260316-0001", "5678", "fresh").kind is OutcomeKind.NOT_VERIFIED


def test_backend_failure_is_unavailable_and_not_counted(make_dossier, clock):
    class Down:
        def get(self, code):
            raise BackendUnavailable("down")

    lookup = DossierLookup(Down(), InMemoryAttemptLimiter(clock=clock), today=lambda: TODAY)
    for _ in range(7):
        assert lookup.check(CODE, "5678", "conv").kind is OutcomeKind.UNAVAILABLE
    assert lookup.limiter.attempts("anything").failures == 0


def test_redis_down_refuses_rather_than_skipping_the_limit(sqlite_store, make_dossier):
    sqlite_store.upsert([make_dossier()])
    lookup = DossierLookup(sqlite_store, RedisAttemptLimiter("redis://127.0.0.1:1/0"), today=lambda: TODAY)
    assert lookup.check(CODE, "5678", "conv").kind is OutcomeKind.UNAVAILABLE


def test_nothing_personal_in_logs(lookup, caplog):
    caplog.set_level(logging.DEBUG)
    lookup.check(CODE, "5678", "telegram-123456")
    lookup.check(CODE, "1234", "telegram-123456")
    lookup.check(UNKNOWN, "5678", "telegram-123456")
    assert "outcome=found" in caplog.text and "outcome=not_verified" in caplog.text
    assert caplog.text.count("code#=") == 3
    # The keyed fingerprints are random hex; drop them so a chance "1234" in one cannot fail the test.
    text = re.sub(r"#=[0-9a-f]{12}", "#=<fp>", caplog.text)
    for secret in (CODE, UNKNOWN, "260316", "5678", "1234", "123456", PHONE, "Bí Mật", "khai sinh"):
        assert secret not in text


def test_owner_matches_requires_a_registered_phone(make_dossier):
    from knowledge.dossiers.model import Applicant

    assert owner_matches(make_dossier(), "5678")
    assert not owner_matches(make_dossier(), "5679")
    assert not owner_matches(None, "5678")
    assert not owner_matches(make_dossier(applicant=Applicant()), "")
    assert not owner_matches(make_dossier(applicant=Applicant()), "\x00\x00\x00\x00")


@pytest.mark.redis
def test_default_lookup_uses_redis_when_configured(redis_url, monkeypatch, tmp_path, make_dossier):
    monkeypatch.setenv("TTHC_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TTHC_DOSSIER_BACKEND", raising=False)
    monkeypatch.delenv("TTHC_DOSSIER_DB_URL", raising=False)
    monkeypatch.setenv("TTHC_DOSSIER_REDIS_URL", redis_url)
    lookup = default_lookup()
    assert isinstance(lookup.limiter, RedisAttemptLimiter)
    lookup.backend.upsert([make_dossier()])
    conversation = f"test-{tmp_path.name}"
    try:
        assert lookup.check(CODE, "5678", conversation).kind is OutcomeKind.FOUND
    finally:
        lookup.backend.close()


def test_a_conversation_id_is_required(lookup):
    with pytest.raises(ValueError, match="conversation_id"):
        lookup.check(CODE, "5678", "")
