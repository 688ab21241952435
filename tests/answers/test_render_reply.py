"""What every reply carries: the procedure, its code and level, the source; and its length."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from answers.builders import TODAY, channel, documents, duration, fee, procedure
from knowledge.answers import (
    ASPECTS,
    MAX_REPLY_CHARS,
    display_name,
    level_label,
    level_labels,
    option_label,
    option_labels,
    render,
)
from knowledge.catalogue.model import Source


@pytest.mark.parametrize("aspect", ASPECTS)
def test_every_reply_names_procedure_code_level_and_source(aspect):
    record = procedure("2.000635", "Cấp bản sao Giấy khai sinh", levels=("xã", "tỉnh"))
    lines = render(record, aspect, TODAY).splitlines()
    assert lines[0] == "Cấp bản sao Giấy khai sinh (mã 2.000635, cấp tỉnh, cấp xã)"
    assert lines[-1] == (
        "Nguồn: Cơ sở dữ liệu quốc gia về TTHC, https://dichvucong.gov.vn/thu-tuc-hanh-chinh/00000000-test, "
        "cập nhật 07/2026"
    )


@pytest.mark.parametrize("aspect", ASPECTS)
def test_an_empty_record_never_leaks_python_values(aspect):
    record = procedure(
        channels=[channel(time=duration(None, None, ""), cost=fee(basis="unknown"))], levels=()
    )
    reply = render(record, aspect, TODAY)
    for leak in ("None", "null", "[]", "{", "unknown"):
        assert leak not in reply


def test_a_level_in_the_title_is_replaced_by_the_records_level():
    record = procedure(
        "1.010385", "Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp huyện)", levels=("xã",)
    )
    assert display_name(record) == "Trình báo mất hộ chiếu phổ thông"
    assert render(record, "time", TODAY).startswith("Trình báo mất hộ chiếu phổ thông (mã 1.010385, cấp xã)")


def test_record_without_url_points_to_the_portal_by_code():
    record = procedure("1.013589", source=Source(url=None, format="word-export-2025", captured="2025"))
    assert render(record, "fee", TODAY).endswith(
        "Nguồn: Cơ sở dữ liệu quốc gia về TTHC, tra cứu mã 1.013589 tại dichvucong.gov.vn, cập nhật 2025"
    )


def test_demo_records_say_they_are_not_official():
    record = procedure(source=Source(url=None, format="demo", captured="2026-07"))
    assert "dữ liệu mẫu để minh họa, không phải dữ liệu chính thức" in render(record, "fee", TODAY)


def test_unknown_aspect_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown aspect"):
        render(procedure(), "weather", TODAY)


def test_option_labels_name_the_procedure_and_its_level():
    record = procedure("1.001456", "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)")
    assert option_label(record) == "Cấp hộ chiếu phổ thông ở trong nước (cấp tỉnh)"
    assert (
        option_label(record, levels=["bộ", "tỉnh"])
        == "Cấp hộ chiếu phổ thông ở trong nước (cấp bộ, cấp tỉnh)"
    )
    assert level_label(record) == "Cấp tỉnh (mã 1.001456)"


def test_level_labels_quote_the_title_where_two_records_share_a_level():
    """The former "cấp huyện" record and the "cấp xã" one are both "cấp xã" since the 2025 reform."""
    name = "Trình báo mất hộ chiếu phổ thông (thực hiện tại cấp {})"
    variants = [
        procedure("1.010385", name.format("huyện"), levels=("xã",)),
        procedure("1.001445", name.format("tỉnh"), levels=("tỉnh",)),
        procedure("1.010386", name.format("xã"), levels=("xã",)),
    ]
    assert level_labels(variants) == [
        "Cấp xã, theo tên: thực hiện tại cấp huyện (mã 1.010385)",
        "Cấp tỉnh (mã 1.001445)",
        "Cấp xã, theo tên: thực hiện tại cấp xã (mã 1.010386)",
    ]
    plain = [
        procedure("1.000002", "Cấp phép", levels=("xã",)),
        procedure("1.000003", "Cấp phép", levels=("xã",)),
    ]
    assert level_labels(plain) == ["Cấp xã (mã 1.000002)", "Cấp xã (mã 1.000003)"]  # no words to quote


LAND = (
    "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu "
    "tài sản gắn liền với đất lần đầu đối với "
)


def test_options_that_begin_alike_show_where_they_differ():
    """Clipped at the same place, these two would read the same on their buttons."""
    offered = [
        procedure("1.000001", LAND + "tổ chức đang sử dụng đất", levels=("xã",)),
        procedure("1.000002", LAND + "hộ gia đình, cá nhân, cộng đồng dân cư", levels=("xã",)),
        procedure("1.000003", "Đăng ký biến động quyền sử dụng đất", levels=("tỉnh",)),
    ]
    labels = option_labels(offered, [p.levels for p in offered])
    assert labels == [
        "Đăng ký đất đai, tài sản gắn liền với đất … đối với tổ chức đang sử dụng đất (cấp xã)",
        "Đăng ký đất đai, tài sản gắn liền với đất … đối với hộ gia đình, cá nhân, cộng đồng dân cư (cấp xã)",
        "Đăng ký biến động quyền sử dụng đất (cấp tỉnh)",
    ]
    plain = [option_label(p) for p in offered]
    assert plain[0].split(" (")[0] == plain[1].split(" (")[0]  # what the labels were before


def test_options_that_differ_early_or_are_the_same_keep_their_plain_labels():
    offered = [
        procedure("1.000001", "Đổi giấy phép lái xe"),
        procedure("1.000002", "Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp"),
        procedure("1.000003", LAND + "tổ chức đang sử dụng đất"),
        procedure("1.000004", LAND + "tổ chức đang sử dụng đất"),  # the same title: the caller adds codes
    ]
    levels = [p.levels for p in offered]
    assert option_labels(offered, levels) == [option_label(p) for p in offered]


_text = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=600)


@settings(max_examples=40, deadline=None)
@given(
    name=_text.filter(str.strip),
    items=st.lists(st.tuples(_text, st.sampled_from(["1 bản chính", None, "0 bản chính"])), max_size=30),
    steps=st.lists(_text, max_size=20),
    conditions=st.one_of(st.none(), _text),
    notes=st.lists(_text, min_size=1, max_size=3),
)
def test_any_record_gives_a_phone_sized_reply_with_heading_and_source(name, items, steps, conditions, notes):
    record = procedure(
        "1.000002",
        name,
        documents=documents((notes[0], items)),
        steps=steps,
        conditions=conditions,
        channels=[channel(cost=fee([1000], note=note), note=note) for note in notes],
    )
    for aspect in ASPECTS:
        reply = render(record, aspect, TODAY)
        assert len(reply) <= MAX_REPLY_CHARS
        assert "(mã 1.000002, cấp tỉnh)" in reply.splitlines()[0]
        assert reply.splitlines()[-1].startswith("Nguồn: ")
