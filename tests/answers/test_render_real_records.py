"""A few real records of the shared export, rendered as a citizen would see them."""

from __future__ import annotations

import pytest

from answers.builders import TODAY
from knowledge.answers import ASPECTS, MAX_REPLY_CHARS, render


def test_passport_fee_differs_by_channel_and_flags_an_ended_reduction(real_record):
    reply = render(real_record("1.001456"), "fee", TODAY)
    assert reply.startswith("Cấp hộ chiếu phổ thông ở trong nước (mã 1.001456, cấp tỉnh)")
    assert "Nộp trực tiếp: 200.000 đồng; nộp trực tuyến hoặc qua bưu chính: 160.000 đồng." in reply
    assert "đến hết 31/12/2023 nay đã hết hiệu lực" in reply
    assert (
        "mức 160.000 đồng ghi cho hình thức nộp trực tuyến và qua bưu chính thuộc mức giảm đã hết hiệu lực"
        in reply
    )
    assert "cập nhật 07/2026" in reply


def test_birth_registration_time_has_no_unit_and_gets_none(real_record):
    reply = render(real_record("1.001193"), "time", TODAY)
    assert "Nộp trực tiếp, trực tuyến hoặc qua bưu chính: 1 (nguồn không ghi đơn vị)." in reply
    assert "ngày làm việc" not in reply


def test_provincial_fee_of_a_real_record(real_record):
    reply = render(real_record("1.004746"), "fee", TODAY)
    assert "theo mức do Hội đồng nhân dân cấp tỉnh quy định; mức thu khác nhau theo tỉnh" in reply


def test_word_export_record_points_to_the_portal_by_code(real_record):
    reply = render(real_record("1.013589"), "time", TODAY)
    assert "Nộp trực tuyến: 1 giờ." in reply
    assert reply.endswith("tra cứu mã 1.013589 tại dichvucong.gov.vn, cập nhật 2025")


@pytest.mark.parametrize("code", ["1.001456", "1.001193", "2.000635", "1.013589"])
def test_every_aspect_of_real_records_fits_a_phone(real_record, code):
    for aspect in ASPECTS:
        reply = render(real_record(code), aspect, TODAY)
        assert len(reply) <= MAX_REPLY_CHARS
        assert f"(mã {code}," in reply.splitlines()[0]
