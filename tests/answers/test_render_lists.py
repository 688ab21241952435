"""Documents, steps and legal basis: grouped, numbered, shortened with a count of the rest."""

from __future__ import annotations

from answers.builders import TODAY, documents, legal, procedure
from knowledge.answers import MAX_REPLY_CHARS, render


def test_documents_grouped_by_case_with_quantities():
    record = procedure(
        documents=documents(
            (
                "* Trường hợp cấp lần đầu:",
                [("- Tờ khai theo mẫu TK01;", "1 bản chính"), ("Ảnh 4x6", "0 bản chính, 2 bản sao")],
            ),
            ("Trường hợp cấp lại", [("Giấy tờ cũ", "1 bản chính, 0 bản sao")]),
        )
    )
    lines = render(record, "documents", TODAY).splitlines()
    assert lines[1:7] == [
        "Thành phần hồ sơ:",
        "Trường hợp cấp lần đầu:",
        "- Tờ khai theo mẫu TK01 (1 bản chính)",
        "- Ảnh 4x6 (2 bản sao)",
        "Trường hợp cấp lại:",
        "- Giấy tờ cũ (1 bản chính)",
    ]


def test_a_row_of_zero_copies_is_shown_without_quantity():
    record = procedure(
        documents=documents(
            (None, [("Trường hợp nộp trực tuyến thì không phải nộp bản giấy.", "0 bản chính")])
        )
    )
    reply = render(record, "documents", TODAY)
    assert "- Trường hợp nộp trực tuyến thì không phải nộp bản giấy." in reply
    assert "0 bản" not in reply


def test_long_document_list_is_shortened_with_the_count_of_the_rest():
    items = [(f"Giấy tờ số {n}", "1 bản chính") for n in range(1, 21)]
    reply = render(procedure(documents=documents((None, items))), "documents", TODAY)
    shown = [line for line in reply.splitlines() if line.startswith("- Giấy tờ số")]
    assert 0 < len(shown) < 20
    assert f"… và {20 - len(shown)} giấy tờ khác (xem đầy đủ tại nguồn)." in reply
    assert len(reply) <= MAX_REPLY_CHARS


def test_very_long_document_names_are_clipped_and_the_reply_fits_a_phone():
    items = [("Văn bản đề nghị " + "rất dài " * 100, "1 bản chính") for _ in range(10)]
    reply = render(procedure(documents=documents(("Trường hợp " + "dài " * 100, items))), "documents", TODAY)
    assert len(reply) <= MAX_REPLY_CHARS
    assert "…" in reply
    assert reply.endswith("cập nhật 07/2026")


def test_no_documents_is_reported_missing():
    assert "chưa có thông tin về thành phần hồ sơ" in render(procedure(documents=[]), "documents", TODAY)


def test_steps_are_numbered_without_the_sources_own_markers():
    record = procedure(
        steps=["Bước 1: Chuẩn bị hồ sơ.", "Bước 2. Nộp hồ sơ\n* Tại Bộ phận Một cửa", "Bước 3: Nhận kết quả."]
    )
    lines = render(record, "steps", TODAY).splitlines()
    assert lines[1:5] == [
        "Các bước thực hiện:",
        "1. Chuẩn bị hồ sơ.",
        "2. Nộp hồ sơ: Tại Bộ phận Một cửa",
        "3. Nhận kết quả.",
    ]


def test_sub_items_stay_under_their_step_unnumbered():
    record = procedure(
        steps=[
            "a) Nộp hồ sơ",
            "b) Giải quyết hồ sơ",
            "- Trong 3 ngày làm việc, kiểm tra hồ sơ",
            "+ Nếu thiếu, hướng dẫn bổ sung",
        ]
    )
    lines = render(record, "steps", TODAY).splitlines()
    assert lines[2:6] == [
        "1. Nộp hồ sơ",
        "2. Giải quyết hồ sơ",
        "   - Trong 3 ngày làm việc, kiểm tra hồ sơ",
        "   + Nếu thiếu, hướng dẫn bổ sung",
    ]


def test_long_step_list_is_shortened():
    record = procedure(steps=[f"Bước {n}: Việc thứ {n}." for n in range(1, 15)])
    reply = render(record, "steps", TODAY)
    assert "8. Việc thứ 8." in reply
    assert "9. Việc thứ 9." not in reply
    assert "… và 6 mục khác (xem đầy đủ tại nguồn)." in reply


def test_legal_basis_lists_number_and_title_without_repeating_the_number():
    record = procedure(
        legal_basis=[
            legal("68/2020/QH14", "Luật Cư trú"),
            legal("62/2021/NĐ-CP", "Nghị định số 62/2021/NĐ-CP quy định chi tiết Luật Cư trú"),
            legal(None, "Quyết định của Bộ trưởng"),
        ]
    )
    lines = render(record, "legal_basis", TODAY).splitlines()
    assert lines[1:5] == [
        "Căn cứ pháp lý:",
        "- 68/2020/QH14: Luật Cư trú",
        "- Nghị định số 62/2021/NĐ-CP quy định chi tiết Luật Cư trú",
        "- Quyết định của Bộ trưởng",
    ]


def test_long_legal_basis_is_shortened_with_a_count():
    record = procedure(legal_basis=[legal(f"{n}/2020/TT-BTC", f"Thông tư {n}") for n in range(1, 11)])
    assert "… và 4 văn bản khác (xem đầy đủ tại nguồn)." in render(record, "legal_basis", TODAY)


def test_no_legal_basis_is_reported_missing():
    assert "chưa có thông tin về căn cứ pháp lý" in render(procedure(), "legal_basis", TODAY)


def test_a_step_whose_marker_stands_alone_on_its_line():
    lines = render(
        procedure(steps=["Bước 1:\nNộp hồ sơ.", "Bước 2:\nNhận kết quả."]), "steps", TODAY
    ).splitlines()
    assert lines[2:4] == ["1. Nộp hồ sơ.", "2. Nhận kết quả."]


def documents_reply(*items: tuple[str, str], case=None) -> list[str]:
    """The lines of the documents reply for one case holding ``items`` (name, quantity)."""
    record = procedure(documents=documents((case, list(items))))
    return render(record, "documents", TODAY).splitlines()


def test_a_remark_listed_among_the_documents_comes_after_them_and_is_not_counted():
    """The catalogue's "Đăng ký tạm trú" lists "Ví dụ: …" first, as if it were a document."""
    lines = documents_reply(
        ("Ví dụ: Trường hợp giấy tờ chứng minh chỗ ở đã có trong cơ sở dữ liệu", "0 bản chính"),
        ("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", "1 bản chính"),
        ("Giấy tờ chứng minh chỗ ở hợp pháp", "1 bản chính"),
        case="* Hồ sơ đăng ký tạm trú gồm:",
    )
    assert lines[1:6] == [
        "Thành phần hồ sơ:",
        "Hồ sơ đăng ký tạm trú gồm:",
        "- Tờ khai thay đổi thông tin cư trú (Mẫu CT01) (1 bản chính)",
        "- Giấy tờ chứng minh chỗ ở hợp pháp (1 bản chính)",
        "  Ví dụ: Trường hợp giấy tờ chứng minh chỗ ở đã có trong cơ sở dữ liệu",
    ]


def test_a_record_with_only_a_remark_shows_it_rather_than_nothing():
    lines = documents_reply(("Lưu ý: nộp bản sao có chứng thực", "0 bản chính"))
    assert lines[1:3] == ["Thành phần hồ sơ:", "  Lưu ý: nộp bản sao có chứng thực"]
    assert "giấy tờ khác" not in "\n".join(lines)


def test_the_next_items_number_glued_to_a_name_is_dropped_but_a_forms_number_is_kept():
    lines = documents_reply(
        ("Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).1.", "1 bản chính"),
        ("Đơn xin nhận con nuôi;1.", "1 bản chính"),
        ("Tờ khai theo Mẫu 1.1.", "1 bản chính"),
    )
    assert lines[2:5] == [
        "- Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA). (1 bản chính)",
        "- Đơn xin nhận con nuôi (1 bản chính)",
        "- Tờ khai theo Mẫu 1.1. (1 bản chính)",
    ]
