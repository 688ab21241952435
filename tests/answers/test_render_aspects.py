"""Where, online, conditions, result and the overview."""

from __future__ import annotations

from answers.builders import TODAY, channel, duration, fee, procedure
from knowledge.answers import MAX_REPLY_CHARS, render
from knowledge.catalogue.model import CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POST, FEE_PROVINCIAL


def test_where_names_agency_authority_address_and_level():
    record = procedure(
        levels=("xã",),
        agency="Ủy ban nhân dân cấp xã",
        authority="Ủy ban nhân dân cấp xã",
        address="Bộ phận Một cửa, số 1 đường Lê Lợi",
        delegated_agency="Không",
    )
    lines = render(record, "where", TODAY).splitlines()
    assert lines[1:5] == [
        "Cấp thực hiện: cấp xã.",
        "Cơ quan thực hiện: Ủy ban nhân dân cấp xã",
        "Địa chỉ tiếp nhận hồ sơ: Bộ phận Một cửa, số 1 đường Lê Lợi",
        "Cơ quan được ủy quyền: Không",
    ]


def test_where_without_any_agency_is_reported_missing():
    reply = render(procedure(), "where", TODAY)
    assert "chưa có thông tin về cơ quan và nơi nộp hồ sơ" in reply


def test_online_yes_lists_every_channel():
    record = procedure(channels=[channel(CHANNEL_POST), channel(CHANNEL_ONLINE), channel(CHANNEL_IN_PERSON)])
    lines = render(record, "online", TODAY).splitlines()
    assert lines[1:3] == [
        "Có. Thủ tục này có thể nộp hồ sơ trực tuyến.",
        "Các hình thức nộp: trực tiếp, trực tuyến và qua bưu chính.",
    ]


def test_online_no_says_so_and_lists_the_channels_there_are():
    reply = render(procedure(channels=[channel(CHANNEL_IN_PERSON)]), "online", TODAY)
    assert "chưa có hình thức nộp trực tuyến" in reply
    assert "Anh/chị có thể nộp hồ sơ trực tiếp." in reply


def test_online_without_channels_is_reported_missing():
    assert "chưa có thông tin về hình thức nộp hồ sơ" in render(procedure(channels=[]), "online", TODAY)


def test_conditions_and_result_quote_the_record():
    record = procedure(conditions="Người đề nghị từ đủ 18 tuổi.", result="Giấy phép (Mã: KQ.1)")
    assert "Yêu cầu, điều kiện:\nNgười đề nghị từ đủ 18 tuổi." in render(record, "conditions", TODAY)
    assert "Kết quả thực hiện:\nGiấy phép (Mã: KQ.1)" in render(record, "result", TODAY)


def test_long_conditions_are_clipped_with_a_pointer_to_the_source():
    record = procedure(
        conditions="\n".join(f"- Điều kiện số {n}: " + "nội dung dài " * 20 for n in range(30))
    )
    reply = render(record, "conditions", TODAY)
    assert len(reply) <= MAX_REPLY_CHARS
    assert "…" in reply
    assert reply.splitlines()[-1].startswith("Nguồn:")


def test_missing_conditions_and_result_are_reported_missing():
    assert "chưa có thông tin về yêu cầu, điều kiện" in render(procedure(), "conditions", TODAY)
    assert "chưa có thông tin về kết quả thực hiện" in render(procedure(), "result", TODAY)


def test_overview_summarises_channels_time_and_fee_and_offers_more():
    record = procedure(
        field="Hộ tịch",
        agency="Ủy ban nhân dân cấp xã",
        channels=[
            channel(CHANNEL_IN_PERSON, time=duration(3), cost=fee([8000])),
            channel(CHANNEL_ONLINE, time=duration(3), cost=fee()),
        ],
    )
    lines = render(record, "overview", TODAY).splitlines()
    assert lines[1:6] == [
        "Lĩnh vực: Hộ tịch.",
        "Cơ quan thực hiện: Ủy ban nhân dân cấp xã.",
        "Hình thức nộp: trực tiếp và trực tuyến.",
        "Thời hạn giải quyết: 3 ngày làm việc.",
        "Phí, lệ phí: nộp trực tiếp: 8.000 đồng; nộp trực tuyến: miễn phí.",
    ]
    assert lines[6].startswith("Anh/chị có thể hỏi thêm:")


def test_overview_points_to_the_fee_answer_when_the_fee_has_qualifications():
    record = procedure(channels=[channel(cost=fee(basis=FEE_PROVINCIAL, note="Do HĐND tỉnh quy định"))])
    assert "anh/chị hỏi về lệ phí để xem chi tiết" in render(record, "overview", TODAY)


def test_overview_without_channels_says_what_is_missing():
    reply = render(procedure(channels=[]), "overview", TODAY)
    assert "chưa có thông tin về hình thức nộp, thời hạn và phí, lệ phí" in reply
