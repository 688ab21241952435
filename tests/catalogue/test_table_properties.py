"""Property tests for the flattened-table parsers.

Two promises: no input text makes a parser crash, and every number a parser
reports is written in its input (nothing is computed or guessed).
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.catalogue.fees import interpret, vnd_amounts
from knowledge.catalogue.tables import (
    CHANNEL_HEADER,
    parse_channels,
    parse_documents,
    parse_legal,
    parse_time,
)

TODAY = date(2026, 9, 1)

# Text biased towards the vocabulary of the tables, so the parsers' branches are reached.
WORDS = st.sampled_from(
    [
        "Trực tuyến",
        "Trực tiếp",
        "Dịch vụ bưu chính",
        "Miễn phí",
        "Không có thông tin",
        " Ngày làm việc",
        " Ngày",
        " Giờ",
        " Tháng",
        " Việt Nam Đồng",
        " VNĐ",
        " USD",
        "(",
        ")",
        "đồng/lần",
        "đến hết ngày ",
        "31/12/2023",
        "Hội đồng nhân dân",
        "Thông tư số 244/2016/TT-BTC",
        "mức thu",
        "Tên giấy tờMẫu đơn, tờ khaiSố lượng",
        "1 bản chính",
        "0 bản chính,1 bản sao",
        ".docx",
        "Mẫu",
        "Tên văn bản pháp lýMã văn bản",
        "68/2020/QH14",
        "Luật",
        "NĐ-CP",
        "--",
        " ",
        "\n",
        "triệu đồng",
    ]
)
TABLE_TEXT = st.lists(
    st.one_of(WORDS, st.integers(0, 9_999_999).map(str), st.text(max_size=8)), max_size=40
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), TABLE_TEXT)


def _plain_numbers(text: str) -> str:
    """The input with thousands separators removed ("10,000" -> "10000")."""
    return re.sub(r"(?<=\d)[.,](?=\d{3})", "", text)


def _written(value: float, text: str) -> bool:
    number = str(int(value)) if value == int(value) else repr(value)
    return number in text or number.replace(".", ",") in text


def _amount_written(amount: int, text: str) -> bool:
    plain = _plain_numbers(text)
    if str(amount) in plain:
        return True
    millions, rest = divmod(amount, 1_000_000)
    return rest == 0 and re.search(rf"0*{millions}\s*triệu", plain) is not None


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_channel_parser_never_crashes_and_reports_only_written_numbers(text):
    for channel in parse_channels(text, today=TODAY):
        if channel.time.value is not None:
            assert _written(channel.time.value, text)
        for amount in channel.fee.amount_vnd or []:
            assert _amount_written(amount, text)
        for reduction in channel.fee.reductions:
            for amount in reduction.amount_vnd or []:
                assert _amount_written(amount, text)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_documents_parser_never_crashes_and_quantities_are_written(text):
    for group in parse_documents(text):
        for item in group.items:
            if item.quantity:
                for count in re.findall(r"\d+", item.quantity):
                    assert count in text


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_legal_parser_never_crashes_and_numbers_are_written(text):
    for ref in parse_legal(text):
        if ref.number:
            assert ref.number in text


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_time_parser_never_invents_a_unit_or_value(text):
    time = parse_time(text)
    if time.value is not None:
        assert _written(time.value, text)
    if time.unit is not None:
        assert time.unit in text.lower()


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT, st.booleans())
def test_fee_notes_never_crash_and_dates_and_amounts_are_written(note, stated_free):
    fee = interpret(
        "Miễn phí" if stated_free else "", amounts=None, stated_free=stated_free, note=note, today=TODAY
    )
    for amount in fee.amount_vnd or []:
        assert _amount_written(amount, note)
    for reduction in fee.reductions:
        year, month, day = reduction.until.split("-")
        assert year in note and str(int(month)) in note and str(int(day)) in note
    assert fee.free is False or fee.basis == "free"


ROW = st.tuples(
    st.sampled_from(["Trực tuyến", "Trực tiếp", "Dịch vụ bưu chính"]),
    st.integers(1, 120),
    st.sampled_from(["Ngày làm việc", "Ngày", "Giờ", "Tháng"]),
    st.one_of(st.none(), st.integers(1, 50_000_000)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=5))
def test_well_formed_rows_are_read_back_exactly(rows):
    text = CHANNEL_HEADER + "".join(
        f"{name}{days} {unit}" + (f"{amount:,} Việt Nam Đồng" if amount else "Miễn phí")
        for name, days, unit, amount in rows
    )
    channels = parse_channels(text, today=TODAY)
    assert len(channels) == len(rows)
    for channel, (_, days, unit, amount) in zip(channels, rows, strict=True):
        assert channel.time.value == days and channel.time.unit == unit.lower()
        if amount:
            assert channel.fee.amount_vnd == [amount] and channel.fee.basis == "fixed"
        else:
            assert channel.fee.free and channel.fee.amount_vnd is None


def test_vnd_amounts_reads_the_written_forms():
    note = "50.000đ/tem; 10,000 Việt Nam Đồng; 02 triệu đồng; 160.000/hộ chiếu; 10 USD; ngày 31/12/2023"
    assert vnd_amounts(note) == [50000, 10000, 2000000, 160000]
