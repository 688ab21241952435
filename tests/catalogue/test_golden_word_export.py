"""Golden tests: Word-export records (Bộ Quốc phòng) checked by hand against their tables."""

from __future__ import annotations

import pytest

from .golden import Fee, Prefix, Row, check_procedure

ZERO = Fee(text="Phí : 0 Đồng", basis="free", free=True)
COMPLEX = "Trường hợp nội dung thẩm định phức tạp thì thời gian tối đa không vượt quá 14 ngày."

XE_CO_GIOI = {
    "code": "1.013129",
    "name": "Thủ tục thẩm định, phê duyệt hồ sơ thiết kế xe cơ giới sản xuất, lắp ráp trong nước theo thiết kế mới",
    "family": "thủ tục thẩm định, phê duyệt hồ sơ thiết kế xe cơ giới sản xuất, lắp ráp trong nước theo thiết kế mới",
    "decision": "6376/QĐ-BQP",  # "Quyết định số 6376/QĐ-BQP"
    "levels": ["bộ"],
    "kind": "TTHC được luật giao quy định chi tiết",
    "field": "Xe - máy quân sự",
    "ministry": "Bộ Quốc phòng",
    "subjects": "Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "agency": "Cục Xe máy-Vận tải/Tổng cục Hậu cần-Kỹ thuật",
    "authority": "Cục Trưởng Cục Xe máy-Vận tải/Tổng cục Hậu cần-Kỹ thuật",
    "address": "Số 5 Nguyễn Tri Phương, Phường Ba Đình, Thành phố Hà Nội",
    "delegated_agency": None,  # "Không có thông tin"
    "coordinating_agency": None,
    "conditions": "Không",
    "result": Prefix("Quyết định của Cục trưởng Cục Xe máy - Vận tải/Tổng cục Hậu cần - Kỹ thuật phê duyệt"),
    "related": None,
    "source": (None, "word-export-2025", "2025", "word-export-2025/1.013129.json"),
    # Two rows per channel (7 days, or 14 when complex), "Phí : 0 Đồng" = free.
    "channels": [
        row
        for channel in ("trực tiếp", "trực tuyến", "bưu chính")
        for row in (
            Row(channel, (7.0, "ngày", "07 Ngày"), ZERO),
            Row(channel, (14.0, "ngày", "14 Ngày"), ZERO, note=COMPLEX),
        )
    ],
    # The form file name sits in the quantity column of the export.
    "documents": [
        (
            None,
            4,
            [
                (
                    Prefix("Công văn đề nghị thẩm định, phê duyệt hồ sơ thiết kế"),
                    "5- MẪU SỐ 01.docx",
                    "1 bản chính, 0 bản sao",
                ),
                (
                    "Bản thuyết minh thiết kế kỹ thuật và các bản vẽ kỹ thuật;",
                    "6- MẪU SỐ 02.docx",
                    "1 bản chính, 0 bản sao",
                ),
                (Prefix("Bản sao các quyết định phê duyệt kế hoạch"), None, "0 bản chính, 1 bản sao"),
                (Prefix("Bản sao quyết định của Tổng Tham mưu trưởng"), None, "0 bản chính, 1 bản sao"),
            ],
        )
    ],
    "steps": (3, ["Bước 1: Cơ sở sản xuất, lắp ráp", "Bước 2: Cục trưởng", "Bước 3: Trường hợp hồ sơ"]),
    "legal_basis": [
        ("67/2024/TT-BQP", Prefix("Thông tư số 67/2024/TT-BQP của Bộ Quốc phòng: Quy định trình tự")),
        ("130/2025/TT-BQP", Prefix("Thông tư số 130/2025/TT-BQP ngày 25/11/2025")),
    ],
}

VLNCN_AMOUNTS = [2000000, 3500000, 4000000, 5000000]
VLNCN_DESC = Prefix("05 (năm) ngày làm việc, kể từ ngày nhận đủ hồ sơ")
VAT_LIEU_NO = {
    "code": "1.013539",
    "decision": "6225/QĐ-BQP",
    "levels": ["bộ"],
    "field": "Quản lý hoạt động vật liệu nổ công nghiệp, tiền chất thuốc nổ",
    "agency": "Tổng cục Công nghiệp Quốc phòng",
    "address": "Số 28A, Điện Biên Phủ, Ba Đình, Hà Nội",
    "result": "Giấy phép sử dụng vật liệu nổ công nghiệp hoặc văn bản trả lời đối với trường hợp không cấp",
    # Four "Phí : … Đồng" lines in one cell -> a list of amounts.
    "channels": [
        Row(
            channel,
            time,
            Fee(
                text=Prefix(
                    "Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ"
                ),
                basis="fixed",
                amount_vnd=VLNCN_AMOUNTS,
                note=Prefix("Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ nghiên cứu"),
            ),
            note=VLNCN_DESC,
        )
        for channel, time in (
            ("trực tiếp", (15.0, "ngày", "15 Ngày")),
            ("trực tuyến", (15.0, "ngày", "15 Ngày")),
            ("bưu chính", (15.0, "ngày làm việc", "15 Ngày làm việc")),
        )
    ],
    "documents": [
        (
            None,
            13,
            [
                (
                    "Giấy đề nghị cấp Giấy phép sử dụng vật liệu nổ công nghiệp.",
                    "Mau1.docx",
                    "1 bản chính, 0 bản sao",
                )
            ],
        )
    ],
    "steps": (1, ["Tổ chức, doanh nghiệp nộp hồ sơ cho Bộ Tham mưu"]),
    "legal_basis": [("42/2024/QH15", "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ")],
}

XUONG_TAU = {
    "code": "1.013575",
    "levels": ["xã"],
    "field": "Quản lý biên giới",
    "agency": "Đội Thủ tục Biên phòng cửa khẩu cảng",
    "authority": "Biên phòng cửa khẩu cảng",
    "conditions": "Không",
    "result": "Giấy phép do Biên phòng cửa khẩu cảng cấp",
    # 01 USD, 0.5 USD and 20000 Đồng: only the VND amount becomes a number; all three stay in the text.
    "channels": [
        Row(
            "trực tiếp",
            (0.0, "giờ", "0 Giờ"),
            Fee(
                text=Prefix("Lệ phí : 01 USD (Người Việt Nam và nước ngoài từ 16 tuổi trở lên"),
                basis="fixed",
                amount_vnd=[20000],
                note=Prefix("Người Việt Nam và nước ngoài từ 16 tuổi trở lên xuống tàu thuyền nước ngoài\n"),
            ),
            note=Prefix("Ngay sau khi Biên phòng cửa khẩu cảng tiếp nhận đầy đủ các loại giấy tờ"),
        )
    ],
    "documents": [(None, 4, [(Prefix("Giấy giới thiệu hoặc công văn"), None, "1 bản chính, 1 bản sao")])],
    "steps": (2, ["Bước 1: Người đề nghị cấp Giấy phép", "Bước 2: Biên phòng cửa khẩu cảng tiếp nhận"]),
    "legal_basis": [
        ("138/2016/TT-BTC", "Thông tư 138/2016/TT-BTC"),
        ("77/2017/NĐ-CP", "Quy định về quản lý, bảo an ninh, trật tự tại cửa khẩu cảng"),
    ],
}

MAT_MA = {
    "code": "1.013202",
    "decision": "4777",  # "Quyết định số 4777"
    "levels": ["bộ"],
    "field": "Mật mã dân sự",
    "authority": "Ban Cơ yếu Chính phủ",
    "result": "Giấy phép kinh doanh sản phẩm, dịch vụ mật mã dân sự",
    # The amount column holds prose ("Mức thu bằng 50% … Thông tư số 249/2016/TT-BTC"): the fee
    # follows that circular; no amount is made up.
    "channels": [
        Row(
            ch,
            (10.0, "ngày làm việc", "10 Ngày làm việc"),
            Fee(text=Prefix("Phí : "), basis="regulation", regulation="249/2016/TT-BTC", note=Prefix(note)),
        )
        for ch, note in (
            ("trực tiếp", "Mức thu bằng 50% mức thu phí quy định tại Mục I và Mục II"),
            ("trực tuyến", "Mức thu bằng 50%"),
            ("bưu chính", "1. Mức thu bằng 50%"),
        )
    ],
    "documents": [
        (
            None,
            3,
            [
                (
                    Prefix("- Đơn đề nghị gia hạn Giấy phép kinh doanh"),
                    "Mu02.nnghsaibsung_cpli_giahnGiyphpkinhdoanhsnphmdchvmtmdns.docx",
                    "1 bản chính, 0 bản sao",
                )
            ],
        )
    ],
    "steps": (2, ["Bước 1: Doanh nghiệp lập hồ sơ", "Bước 2: Trong thời hạn 10 ngày làm việc"]),
    "legal_basis": [
        ("86/2015/QH13", Prefix("Luật An toàn thông tin mạng số 86/2015/QH13")),
        ("211/2025/NĐ-CP", Prefix("Nghị định số 211/2025/NĐ-CP của Chính phủ")),
    ],
}

THI_THUC = {
    "code": "1.013550",
    "decision": "4534/QĐ-BQP",
    "levels": ["xã"],
    # "Phí :  Đồng (Theo quy định của Bộ Tài chính)": no amount, set by the Ministry of Finance.
    "channels": [
        Row(
            "trực tiếp",
            (3.0, "giờ", "03 Giờ"),
            Fee(
                text=Prefix("Phí : Đồng (Theo quy định của Bộ Tài chính)\nFile đính kèm: 62-btc.signed.pdf"),
                basis="regulation",
                note="Theo quy định của Bộ Tài chính\nFile đính kèm: 62-btc.signed.pdf\n"
                "Theo quy định của Bộ Tài chính\nFile đính kèm: 25-btc.signed.pdf",
            ),
            note=Prefix("- Chậm nhất 03 giờ kể từ khi Biên phòng cửa khẩu biên giới đất liền"),
        )
    ],
    "documents": [
        (
            None,
            2,
            [("Bản khai cấp thị thực tại cửa khẩu", "Bnkhaicpththcticakhu.docx", "1 bản chính, 0 bản sao")],
        )
    ],
    "steps": (4, ["Bước 1: Chậm nhất 12 giờ", "Bước 2: Chậm nhất 03 giờ", "Bước 3: Khi người nhận thị thực"]),
    # "Luật 47/2014/QH13" in the number column is read as the bare number.
    "legal_basis": [
        ("15/2019/QĐ-TTg", Prefix("Quyết định 15/2019/QĐ-TTg - Về việc thực hiện thủ tục biên phòng")),
        ("47/2014/QH13", Prefix("Luật nhập cảnh, xuất cảnh, quá cảnh, cư trsu")),
        ("25/2021/TT-BTC", Prefix("QUY ĐỊNH MỨC THU")),
        ("51/2019/QH14", "Luật 51/2019/QH14"),
        ("23/2023/QH15", Prefix("Luật Xuất cảnh, nhập cảnh của công dân Việt Nam")),
        ("31/2025/QĐ-TTg", Prefix("Quyết định số 31/2025/QĐ-TTg của Thủ tướng Chính phủ")),
    ],
}

KHANG_CHIEN = {
    "code": "1.013144",
    "decision": "5132/QĐ-BQP",
    "levels": ["bộ", "tỉnh", "xã"],
    "field": "Chính sách",
    "agency": "Ủy ban nhân dân cấp xã",
    "authority": "Bộ Tư lệnh Thủ đô Hà nội, Bộ Tư lệnh Quân khu",
    "result": "Quyết định hành chính",
    # "Không quy định" as the time: no value, the words kept.
    "channels": [
        Row(ch, (None, None, "Không quy định"), ZERO, note="Không quy định thời hạn giải quyết")
        for ch in ("trực tiếp", "trực tuyến", "bưu chính")
    ],
    # Three form files on separate lines of the export's quantity column.
    "documents": [
        (
            None,
            2,
            [
                (
                    Prefix("- Bản khai cá nhân hoặc của thân nhân"),
                    "MU1A.docx; MU1B.docx; Mu4-phlc11.docx",
                    "1 bản chính, 0 bản sao",
                ),
                (Prefix("- Bản sao một trong các giấy tờ gốc"), None, "0 bản chính, 1 bản sao"),
            ],
        )
    ],
    # Seven "Bước N:" markers on one line.
    "steps": (7, ["Bước 1: Đối tượng hoặc thân nhân", "Bước 2: Ủy ban nhân dân xã"]),
    "legal_basis": [
        ("191/2005/TTLT/BQP-BLĐTBXH-BTC", Prefix("Hướng dẫn thực hiện Quyết định số 290/2005/QĐ-TTg")),
        (
            "104/2024/TT-BQP",
            Prefix("Thông tư thay thế, bãi bỏ"),
        ),  # number column "Thông tư số 104/2024/TT-BQP"
        ("290/2005/QĐ-TTg", Prefix("Quyết định số 290/2005/QĐ-TTg")),
        ("22/2025/QĐ-TTg", Prefix("Quyết định số 22/2025/QĐ-TTg")),
        ("103/2025/TT-BQP", Prefix("Thông tư số 103/2025/TT-BQP")),
    ],
}

RECORDS = [XE_CO_GIOI, VAT_LIEU_NO, XUONG_TAU, MAT_MA, THI_THUC, KHANG_CHIEN]


@pytest.mark.parametrize("expected", RECORDS, ids=[r["code"] for r in RECORDS])
def test_word_export_record_matches_hand_check(real, expected):
    check_procedure(real(expected["code"]), expected)
