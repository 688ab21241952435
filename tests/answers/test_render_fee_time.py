"""Fees and processing times: per channel, in the catalogue's own terms, never guessed."""

from __future__ import annotations

from datetime import date

from answers.builders import TODAY, channel, duration, fee, procedure
from knowledge.answers import render
from knowledge.catalogue.model import (
    CHANNEL_IN_PERSON,
    CHANNEL_ONLINE,
    CHANNEL_POST,
    FEE_PROVINCIAL,
    FEE_REGULATION,
    FEE_UNKNOWN,
    Reduction,
)


def fee_reply(*channels, today: date = TODAY) -> str:
    return render(procedure(channels=list(channels)), "fee", today)


def time_reply(*channels) -> str:
    return render(procedure(channels=list(channels)), "time", TODAY)


def test_fee_per_channel_with_vietnamese_thousands_separator():
    reply = fee_reply(
        channel(CHANNEL_ONLINE, cost=fee([10000])),
        channel(CHANNEL_IN_PERSON, cost=fee([20000])),
    )
    # In-person first whatever the record order, as citizens read it.
    assert "Nộp trực tiếp: 20.000 đồng; nộp trực tuyến: 10.000 đồng." in reply


def test_channels_sharing_a_fee_are_named_together():
    reply = fee_reply(
        channel(CHANNEL_IN_PERSON, cost=fee([1200000])),
        channel(CHANNEL_ONLINE, cost=fee([1200000])),
        channel(CHANNEL_POST, cost=fee([1200000])),
    )
    assert "Nộp trực tiếp, trực tuyến hoặc qua bưu chính: 1.200.000 đồng." in reply


def test_several_amounts_depend_on_the_case_and_keep_their_note():
    note = "Cấp lại do hết hạn: 1.200.000 VNĐ; cấp lại do mất, hỏng: 300.000 VNĐ"
    reply = fee_reply(channel(cost=fee([1200000, 300000], note=note)))
    assert "1.200.000 đồng hoặc 300.000 đồng tùy trường hợp" in reply
    assert "Ghi chú: Cấp lại do hết hạn" in reply


def test_provincial_fee_says_it_differs_by_province_and_states_no_amount():
    note = "Mức thu do Hội đồng nhân dân tỉnh quyết định."
    reply = fee_reply(channel(cost=fee(basis=FEE_PROVINCIAL, text="Miễn phí", note=note)))
    assert "theo mức do Hội đồng nhân dân cấp tỉnh quy định; mức thu khác nhau theo tỉnh" in reply
    assert "đồng" not in reply.split("Ghi chú")[0].replace("Hội đồng", "")
    assert "miễn phí" not in reply.lower()


def test_regulation_fee_names_the_regulation():
    reply = fee_reply(
        channel(
            cost=fee(basis=FEE_REGULATION, regulation="244/2016/TT-BTC", note="Theo Thông tư 244/2016/TT-BTC")
        )
    )
    assert "theo mức quy định tại Thông tư 244/2016/TT-BTC" in reply


def test_regulation_without_number_says_the_amount_is_not_stated():
    reply = fee_reply(channel(cost=fee(basis=FEE_REGULATION, note="Theo quy định của Luật phí và lệ phí")))
    assert "không ghi mức cụ thể" in reply


def test_free():
    assert "Nộp trực tiếp: miễn phí." in fee_reply(channel(cost=fee()))


def test_unknown_fee_is_reported_missing_with_the_source():
    reply = fee_reply(channel(cost=fee(basis=FEE_UNKNOWN)))
    assert "chưa có thông tin về phí, lệ phí" in reply
    assert "Nguồn: Cơ sở dữ liệu quốc gia về TTHC" in reply
    assert "đồng" not in reply.replace("Hội đồng", "")


def test_one_channel_unknown_among_known_ones_says_so_for_that_channel():
    reply = fee_reply(
        channel(CHANNEL_IN_PERSON, cost=fee([50000])), channel(CHANNEL_ONLINE, cost=fee(basis=FEE_UNKNOWN))
    )
    assert "Nộp trực tiếp: 50.000 đồng; nộp trực tuyến: chưa có thông tin." in reply


def reduction(until: str, amounts: list[int]) -> Reduction:
    return Reduction(
        text=f"+ {amounts[0]:,}đ/hồ sơ (áp dụng đến hết ngày {until[8:]}/{until[5:7]}/{until[:4]})".replace(
            ",", "."
        ),
        amount_vnd=amounts,
        until=until,
    )


def test_current_reduction_shows_its_end_date():
    cut = reduction("2026-12-31", [25000])
    reply = fee_reply(channel(cost=fee([50000], note=cut.text, reductions=[cut])))
    assert "Mức giảm tạm thời, áp dụng đến hết 31/12/2026: 25.000đ/hồ sơ" in reply
    assert "hết hiệu lực" not in reply


def test_reduction_is_marked_ended_once_today_is_past_its_date():
    cut = reduction("2026-12-31", [25000])
    record = procedure(channels=[channel(cost=fee([50000], note=cut.text, reductions=[cut]))])
    assert "hết hiệu lực" not in render(record, "fee", date(2026, 12, 31))
    assert "đến hết 31/12/2026 nay đã hết hiệu lực" in render(record, "fee", date(2027, 1, 1))


def test_amount_that_belongs_to_an_ended_reduction_is_flagged():
    cut = reduction("2023-12-31", [160000, 320000])
    reply = fee_reply(
        channel(CHANNEL_IN_PERSON, cost=fee([200000])),
        channel(CHANNEL_ONLINE, cost=fee([160000], note=cut.text, reductions=[cut])),
    )
    assert "Nộp trực tiếp: 200.000 đồng; nộp trực tuyến: 160.000 đồng." in reply
    assert "Lưu ý: mức 160.000 đồng ghi cho hình thức nộp trực tuyến thuộc mức giảm đã hết hiệu lực" in reply


def test_the_same_note_on_every_channel_is_shown_once():
    note = "Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính."
    reply = fee_reply(
        channel(CHANNEL_IN_PERSON, cost=fee([50000], note=note)),
        channel(CHANNEL_ONLINE, cost=fee([50000], note="- " + note.rstrip("."))),
    )
    assert reply.count("Ghi chú:") == 1


def test_time_per_channel_with_unit():
    reply = time_reply(
        channel(CHANNEL_IN_PERSON, time=duration(8)),
        channel(CHANNEL_ONLINE, time=duration(0.5, "ngày")),
    )
    assert "Nộp trực tiếp: 8 ngày làm việc; nộp trực tuyến: 0,5 ngày." in reply


def test_time_without_unit_is_shown_as_written_and_never_given_one():
    reply = time_reply(channel(time=duration(1.0, None, "1")))
    assert "Nộp trực tiếp: 1 (nguồn không ghi đơn vị)." in reply
    assert "ngày" not in reply


def test_time_stated_as_not_regulated_is_quoted():
    reply = time_reply(channel(time=duration(None, None, "Không quy định")))
    assert "Nộp trực tiếp: không quy định." in reply


def test_missing_time_is_reported_missing():
    reply = time_reply(channel(time=duration(None, None, "")))
    assert "chưa có thông tin về thời hạn giải quyết" in reply


def test_time_note_about_a_duration_is_added_other_notes_are_not():
    reply = time_reply(
        channel(
            CHANNEL_IN_PERSON, time=duration(20), note="Thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ."
        ),
        channel(CHANNEL_ONLINE, time=duration(20), note="Nộp qua Cổng Dịch vụ công quốc gia."),
    )
    assert "Ghi chú: Thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ." in reply
    assert "Cổng Dịch vụ công" not in reply
