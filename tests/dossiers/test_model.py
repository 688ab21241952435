"""The record keeps personal data out of reprs; the public view says the right thing in plain Vietnamese."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pytest

from knowledge.dossiers import messages
from knowledge.dossiers.model import Applicant, PublicView, mask
from knowledge.dossiers.status import DossierStatus, parse_status_name, status_from_text

from .conftest import PHONE, TODAY

SECRETS = ("Bí Mật", PHONE, "001099012345", "5678")


def test_repr_str_and_logs_never_show_personal_data(make_dossier, caplog):
    dossier = make_dossier(history=[])
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("loaded %s / %r / %s", dossier, dossier, dossier.applicant)
    text = repr(dossier) + str(dossier) + repr(dossier.applicant) + str(dossier.applicant) + caplog.text
    assert dossier.code in text
    for secret in SECRETS:
        assert secret not in text


def test_history_notes_stay_out_of_repr(make_dossier):
    dossier = make_dossier()
    dossier.history[0] = type(dossier.history[0])(
        datetime(2026, 3, 16), DossierStatus.RECEIVED, "gọi chị Bí Mật"
    )
    assert "Bí Mật" not in repr(dossier.history)


def test_public_view_has_no_applicant_field(make_dossier):
    view = make_dossier().public_view(TODAY)
    fields = set(PublicView.__dataclass_fields__)
    assert not any(word in f for f in fields for word in ("applicant", "phone", "id_number"))
    rendered = repr(view) + view.to_text()
    for secret in SECRETS:
        assert secret not in rendered


def test_phone_last4_and_masking():
    applicant = Applicant("A", "+84 91 234 5678", "001099012345")
    assert applicant.phone_last4 == "5678"
    assert Applicant(phone="12").phone_last4 == ""
    assert mask("0912345678", 3, 3) == "091****678"
    assert mask("1234", 3, 3) == "****"
    masked = Applicant("Tên", PHONE, "001099012345").masked()
    assert masked["phone"] == "091****678" and masked["id_number"] == "001*******45"


def test_on_time_dossier_counts_working_days_left(make_dossier):
    view = make_dossier(due_at=date(2026, 3, 30)).public_view(TODAY)  # Wed -> next Monday
    assert not view.is_late
    assert view.working_days_left == 3  # Thu, Fri, Mon
    assert view.apology is None
    assert "Còn 3 ngày làm việc đến ngày hẹn" in view.to_text()


def test_due_today(make_dossier):
    view = make_dossier(due_at=TODAY).public_view(TODAY)
    assert view.working_days_left == 0 and not view.is_late
    assert "Hôm nay là ngày hẹn" in view.to_text()


def test_late_dossier_apologises_for_the_agency(make_dossier):
    view = make_dossier(due_at=date(2026, 3, 20)).public_view(TODAY)  # Friday; today Wednesday
    assert view.is_late
    assert view.working_days_overdue == 3
    assert view.working_days_left is None
    assert view.apology.startswith("Ủy ban nhân dân phường An Bình thành thật xin lỗi")
    assert "sẽ gửi thư xin lỗi và hẹn lại" in view.apology
    assert "trễ hẹn 3 ngày làm việc" in view.to_text()


def test_late_dossier_with_a_new_date(make_dossier):
    view = make_dossier(due_at=date(2026, 3, 20), new_due_at=date(2026, 3, 31)).public_view(TODAY)
    assert view.is_late
    assert view.working_days_left == 4  # to the new date
    assert "31/03/2026 (thứ Ba)" in view.apology
    text = view.to_text()
    assert "Ngày hẹn trả kết quả mới: 31/03/2026 (thứ Ba). Còn 4 ngày làm việc đến ngày hẹn mới." in text


def test_late_dossier_whose_new_date_also_passed(make_dossier):
    view = make_dossier(due_at=date(2026, 3, 16), new_due_at=date(2026, 3, 20)).public_view(TODAY)
    assert view.is_late and view.working_days_left is None
    assert "cũng đã qua" in view.apology


def test_late_over_a_weekend_without_a_lost_working_day(make_dossier):
    view = make_dossier(due_at=date(2026, 3, 27)).public_view(date(2026, 3, 28))  # Fri due, asked Sat
    assert view.is_late and view.working_days_overdue == 0
    assert "Hồ sơ đã quá ngày hẹn." in view.to_text()


@pytest.mark.parametrize("status", [DossierStatus.SUPPLEMENT_REQUIRED, DossierStatus.AWAITING_PAYMENT])
def test_paused_dossiers_are_not_called_late(make_dossier, status):
    view = make_dossier(due_at=date(2026, 3, 20), status=status).public_view(TODAY)
    assert not view.is_late and view.apology is None


def test_finished_dossier_is_not_late_but_remembers_it(make_dossier):
    dossier = make_dossier(
        due_at=date(2026, 3, 20), status=DossierStatus.RESULT_READY, finished_at=datetime(2026, 3, 24, 10)
    )
    view = dossier.public_view(TODAY)
    assert not view.is_late and view.finished_late
    assert view.working_days_left is None
    assert "Ngày giải quyết xong: 24/03/2026" in view.to_text()
    assert "mang phiếu hẹn và giấy tờ tùy thân" in view.next_step


@pytest.mark.parametrize("status", list(DossierStatus))
def test_every_status_has_plain_text_and_a_next_step(make_dossier, status):
    view = make_dossier(status=status).public_view(TODAY)
    assert view.status_text and view.status_label and view.next_step
    text = view.to_text()
    assert status.label in text and view.next_step in text


def test_collect_place_falls_back_when_unknown(make_dossier):
    view = make_dossier(agency_name="", agency_address="", status=DossierStatus.RESULT_READY).public_view(
        TODAY
    )
    assert "nơi anh/chị đã nộp hồ sơ" in view.next_step


def test_wait_text_rounds_up():
    assert messages.wait_text(timedelta(seconds=61)) == "2 phút"
    assert messages.wait_text(timedelta(minutes=15)) == "15 phút"
    assert messages.wait_text(timedelta(hours=20, minutes=1)) == "21 giờ"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Đã trả kết quả", DossierStatus.RETURNED),
        ("Chờ trả kết quả", DossierStatus.RESULT_READY),
        ("Đã có kết quả", DossierStatus.RESULT_READY),
        ("Đang giải quyết", DossierStatus.PROCESSING),
        ("Trễ hạn", DossierStatus.PROCESSING),
        ("Chờ bổ sung hồ sơ", DossierStatus.SUPPLEMENT_REQUIRED),
        ("Chờ thực hiện nghĩa vụ tài chính", DossierStatus.AWAITING_PAYMENT),
        ("Từ chối giải quyết", DossierStatus.REJECTED),
        ("Công dân rút hồ sơ", DossierStatus.WITHDRAWN),
        ("Mới tiếp nhận", DossierStatus.RECEIVED),
        ("DA_TRA_KET_QUA", DossierStatus.RETURNED),
        ("da tra ket qua", DossierStatus.RETURNED),
        ("processing", DossierStatus.PROCESSING),
    ],
)
def test_source_status_words(text, status):
    assert status_from_text(text) is status


def test_explicit_status_table_wins_and_unknown_words_are_none():
    assert status_from_text("Dừng xử lý", {"dừng xử lý": "rejected"}) is DossierStatus.REJECTED
    assert status_from_text("Dừng xử lý") is DossierStatus.PROCESSING  # keyword rule alone
    assert status_from_text("???") is None
    with pytest.raises(ValueError):
        parse_status_name("unknown")
