"""Fee-note rules and family keys, on notes and titles written like the catalogue's."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from knowledge.catalogue.family import family_key
from knowledge.catalogue.fees import interpret

TODAY = date(2026, 9, 1)


def free_cell(note):
    return interpret("Miễn phí", amounts=None, stated_free=True, note=note, today=TODAY)


@pytest.mark.parametrize(
    ("note", "basis", "free", "regulation"),
    [
        (None, "free", True, None),
        ("Không", "free", True, None),
        ("Không quy định.", "free", True, None),
        (
            "Miễn lệ phí đối với trường hợp đăng ký qua mạng điện tử (Thông tư số 47/2019/TT-BTC).",
            "free",
            True,
            None,
        ),
        ("Theo quy định của Hội đồng nhân dân cấp tỉnh", "provincial", False, None),
        ("Mức lệ phí (nếu có) theo quyết định của HĐND cấp tỉnh.", "provincial", False, None),
        ("do Ủy ban nhân dân cấp tỉnh quy định.", "provincial", False, None),
        (
            "Thực hiện theo Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu",
            "regulation",
            False,
            "244/2016/TT-BTC",
        ),
        ("Theo quy định của Luật phí và lệ phí", "regulation", False, None),
        ("150.000 đồng/giấy", "fixed", False, None),
    ],
)
def test_a_free_cell_is_read_with_its_note(note, basis, free, regulation):
    fee = free_cell(note)
    assert (fee.basis, fee.free, fee.regulation) == (basis, free, regulation)


def test_amounts_in_the_note_become_the_fee_but_reduced_rates_stay_reductions():
    fee = free_cell(
        "Lệ phí: 135.000 đồng/lần. Trường hợp nộp trực tuyến: Kể từ ngày 01/12/2023 đến hết ngày "
        "31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần cấp."
    )
    assert fee.basis == "fixed" and fee.amount_vnd == [135000] and not fee.free
    (reduction,) = fee.reductions
    assert (reduction.until, reduction.expired, reduction.amount_vnd) == ("2025-12-31", True, [115000])


def test_a_reduction_is_expired_only_after_its_end_date():
    note = "- 25.000đ/tem (áp dụng đến hết ngày 31 tháng 12 năm 2026 theo Thông tư số 64/2025/TT-BTC)."
    before = interpret("50,000 Việt Nam Đồng", amounts=[50000], stated_free=False, note=note, today=TODAY)
    after = interpret(
        "50,000 Việt Nam Đồng", amounts=[50000], stated_free=False, note=note, today=date(2027, 1, 1)
    )
    assert before.reductions[0].until == "2026-12-31" and not before.reductions[0].expired
    assert after.reductions[0].expired and after.reductions[0].is_expired(date(2027, 1, 1))


def test_cell_amounts_win_over_the_note_and_foreign_amounts_are_not_converted():
    assert interpret(
        "10,000 Việt Nam Đồng", amounts=[10000], stated_free=False, note="x", today=TODAY
    ).amount_vnd == [10000]
    usd = interpret(
        "100 USD", amounts=None, stated_free=False, note="100 USD/thẻ.", today=TODAY, foreign_amount=True
    )
    assert usd.basis == "fixed" and usd.amount_vnd is None and usd.text == "100 USD"


def test_no_fee_information_stays_unknown():
    fee = interpret("", amounts=None, stated_free=False, note=None, today=TODAY)
    assert fee.basis == "unknown" and not fee.free and fee.amount_vnd is None


@pytest.mark.parametrize(
    ("title", "key"),
    [
        (
            "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)",
            "cấp hộ chiếu phổ thông ở trong nước",
        ),
        (
            "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp Trung ương)",
            "cấp hộ chiếu phổ thông ở trong nước",
        ),
        ("Cấp giấy phép nhận chìm ở biển (cấp TW)", "cấp giấy phép nhận chìm ở biển"),
        ("Trả lại giấy phép khai thác khoáng sản (cấp Tỉnh).", "trả lại giấy phép khai thác khoáng sản"),
        (
            "Cung cấp thông tin, dữ liệu, sản phẩm đo đạc và bản đồ - cấp Trung ương",
            "cung cấp thông tin, dữ liệu, sản phẩm đo đạc và bản đồ",
        ),
        (
            "Cấp thẻ tạm trú cho người nước ngoài tại Việt Nam tại Công an cấp tỉnh",
            "cấp thẻ tạm trú cho người nước ngoài tại việt nam",
        ),
        ("Đăng ký xe lần đầu thực hiện tại cấp tỉnh, cấp xã", "đăng ký xe lần đầu"),
        # Variants that are procedures of their own keep their words.
        ("Thủ tục đăng ký kết hôn có yếu tố nước ngoài", "thủ tục đăng ký kết hôn có yếu tố nước ngoài"),
        ("Thủ tục đăng ký kết hôn lưu động", "thủ tục đăng ký kết hôn lưu động"),
    ],
)
def test_family_key_drops_only_the_level(title, key):
    assert family_key(title) == key
    assert family_key(key) == key  # idempotent: a key can be passed where a title is expected


def test_family_key_normalises_unicode():
    decomposed = unicodedata.normalize("NFD", "Cấp hộ chiếu (thực hiện tại cấp tỉnh)")
    assert family_key(decomposed) == "cấp hộ chiếu"
