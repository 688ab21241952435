"""Portal detail records (``portal-2026/<ministry>/<code>.json``) -> ``Procedure``.

The portal export gives plain fields plus three flattened tables; the tables
are parsed in ``tables``. The ministry is not in the record: it comes from the
folder the record sits in.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Optional

from knowledge.catalogue.cleaning import field, nfc, split_steps
from knowledge.catalogue.family import family_key
from knowledge.catalogue.model import Procedure, Source
from knowledge.catalogue.records import (
    InvalidRecord,
    ParsedRecord,
    check_code_shape,
    parse_levels,
    require_code,
    require_name,
)
from knowledge.catalogue.tables import parse_channels, parse_documents, parse_legal

# Folder slugs of the portal export -> ministry names as the catalogue writes them.
MINISTRIES = {
    "bo-cong-an": "Bộ Công an",
    "bo-nong-nghiep-mt": "Bộ Nông nghiệp và Môi trường",
    "bo-nong-nghiep-moi-truong": "Bộ Nông nghiệp và Môi trường",
    "bo-tai-chinh": "Bộ Tài chính",
    "bo-tu-phap": "Bộ Tư pháp",
    "bo-xay-dung": "Bộ Xây dựng",
    "ngan-hang-nha-nuoc": "Ngân hàng Nhà nước Việt Nam",
    "toa-an-nhan-dan": "Tòa án nhân dân tối cao",
    "bo-quoc-phong": "Bộ Quốc phòng",
    "bo-y-te": "Bộ Y tế",
    "bo-giao-duc-dao-tao": "Bộ Giáo dục và Đào tạo",
    "bo-noi-vu": "Bộ Nội vụ",
    "bo-cong-thuong": "Bộ Công Thương",
    "bo-khoa-hoc-cong-nghe": "Bộ Khoa học và Công nghệ",
    "bo-van-hoa-the-thao-du-lich": "Bộ Văn hóa, Thể thao và Du lịch",
    "bo-ngoai-giao": "Bộ Ngoại giao",
    "bo-dan-toc-ton-giao": "Bộ Dân tộc và Tôn giáo",
}

_RESULT_CODE = re.compile(r"Mã:\s*([A-Z0-9][A-Z0-9._-]*?)(?=[A-ZĐ][^A-Z0-9._\s-]|\s|$)")


def ministry_for(slug: str) -> Optional[str]:
    return MINISTRIES.get(slug)


def result_text(value: object) -> Optional[str]:
    """ "Thông báo kết quảMã: KQ.G01.000065Phiếu từ chốiMã: …" -> one result per line."""
    text = field(value)
    if not text or "Mã:" not in text:
        return text
    lines = []
    pos = 0
    for match in _RESULT_CODE.finditer(text):
        name = text[pos : match.start()].strip()
        pos = match.end()
        lines.append(f"{name} (Mã: {match.group(1)})" if name else f"Mã: {match.group(1)}")
    tail = text[pos:].strip()
    if tail:
        lines.append(tail)
    return "\n".join(lines)


def related_text(value: object) -> Optional[str]:
    """ "#Tên thủ tục1Hướng dẫn …" (a flattened two-column table) -> the titles."""
    text = field(value)
    if text and text.startswith("#Tên thủ tục"):
        titles = [t.strip() for t in re.split(r"(?:^|(?<=\D))\d+(?=[A-ZĐ])", text[len("#Tên thủ tục") :])]
        return "\n".join(t for t in titles if t) or None
    return text


def parse_portal(
    data: Any,
    *,
    path: Optional[str],
    ministry_slug: Optional[str],
    today: date,
    source_format: str = "portal-2026",
    captured: Optional[str] = "2026-07",
) -> ParsedRecord:
    """One portal JSON object -> ``ParsedRecord``; raises ``InvalidRecord`` if unusable."""
    if not isinstance(data, dict):
        raise InvalidRecord("bản ghi không phải một đối tượng JSON")
    warnings: list[str] = []
    warn = warnings.append
    code = require_code(data.get("ma_thu_tuc"))
    check_code_shape(code, warn)
    name = require_name(data.get("ten_thu_tuc"))
    ministry = ministry_for(ministry_slug) if ministry_slug else None
    if ministry_slug and ministry is None:
        warn(f"thư mục bộ ngành '{ministry_slug}' chưa có tên đầy đủ")
    url = data.get("detail_url")
    procedure = Procedure(
        code=code,
        name=name,
        family=family_key(name),
        decision=field(data.get("so_quyet_dinh")),
        levels=parse_levels(data.get("cap_thuc_hien"), warn),
        kind=field(data.get("loai_thu_tuc")),
        field=field(data.get("linh_vuc")),
        ministry=ministry,
        subjects=field(data.get("doi_tuong_thuc_hien")),
        agency=field(data.get("co_quan_thuc_hien")),
        authority=field(data.get("co_quan_co_tham_quyen")),
        address=field(data.get("dia_chi_tiep_nhan")),
        delegated_agency=field(data.get("co_quan_duoc_uy_quyen")),
        coordinating_agency=field(data.get("co_quan_phoi_hop")),
        channels=parse_channels(data.get("cach_thuc_thuc_hien"), today=today, warn=warn),
        documents=parse_documents(data.get("thanh_phan_ho_so"), warn=warn),
        steps=split_steps(data.get("trinh_tu_thuc_hien")),
        conditions=field(data.get("yeu_cau_dieu_kien")),
        result=result_text(data.get("ket_qua_xu_ly")),
        legal_basis=parse_legal(data.get("can_cu_phap_ly"), warn=warn),
        related=related_text(data.get("thu_tuc_lien_quan")),
        source=Source(
            url=nfc(url).strip() if isinstance(url, str) and url.strip() else None,
            format=source_format,
            captured=captured,
            path=path,
        ),
    )
    return ParsedRecord(procedure=procedure, warnings=warnings)
