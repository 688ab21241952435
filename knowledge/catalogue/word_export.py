"""Word-export records (``word-export-2025/<code>.json``) -> ``Procedure``.

These come from the portal's official per-procedure Word file and keep real
table rows, so no cell splitting is needed; what remains is reading the fee
cell ("Phí : 2.000.000 Đồng (…)", one line per amount) and the quantity note
("Bản chính: 1\\nBản sao: 0"). All of them are Bộ Quốc phòng procedures.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Optional

from knowledge.catalogue.cleaning import field, nfc, split_steps, tidy
from knowledge.catalogue.family import family_key
from knowledge.catalogue.fees import LEGAL_NUMBER, interpret, to_int
from knowledge.catalogue.model import (
    Channel,
    DocumentGroup,
    DocumentItem,
    Fee,
    LegalRef,
    Procedure,
    Source,
)
from knowledge.catalogue.records import (
    InvalidRecord,
    ParsedRecord,
    check_code_shape,
    parse_levels,
    require_code,
    require_name,
)
from knowledge.catalogue.tables import Warn, channel_name, parse_time

MINISTRY = "Bộ Quốc phòng"
_FEE_LINE = re.compile(r"^(Phí|Lệ phí)\s*:\s*(.*)$")
_AMOUNT = re.compile(r"^(\d[\d.,]*)\s*(Đồng|USD)?$")
_NONE_WORD = re.compile(r"^(?:không)?\s*(?:Đồng)?$", re.IGNORECASE)
_QUANTITY = re.compile(r"Bản chính:\s*(\d+)\s*Bản sao:\s*(\d+)")
_FORM_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip|odt)$", re.IGNORECASE)
_DECISION = re.compile(r"^Quyết định số\s+(\S+)$")


def parse_fee(cell: Optional[str], *, today: date, warn: Warn) -> Fee:
    """ "Phí : 2.000.000 Đồng (…)\\nPhí : 3.500.000 Đồng (…)" -> one ``Fee`` with every amount."""
    text = tidy(cell)
    amounts: list[int] = []
    notes: list[str] = []
    zero_lines = 0
    fee_lines = 0
    foreign = False
    for line in text.split("\n"):
        match = _FEE_LINE.match(line)
        if not match:
            if line:
                notes.append(line)  # "File đính kèm: 64-btc.pdf" and other remarks
            continue
        fee_lines += 1
        stated, _, note = match.group(2).partition("(")
        stated = stated.strip()
        if note:
            notes.append(note.strip().removesuffix(")").strip())
        amount = _AMOUNT.match(stated)
        if amount and amount.group(2) == "USD":
            foreign = True
        elif amount:
            value = to_int(amount.group(1)) if re.fullmatch(r"[\d.,]+", amount.group(1)) else None
            if value == 0:
                zero_lines += 1
            elif value is not None and value not in amounts:
                amounts.append(value)
        elif _NONE_WORD.match(stated):
            if stated.lower().startswith("không"):
                zero_lines += 1
        else:
            # The amount column holds prose ("Mức thu bằng 50% mức thu phí …"): a note.
            notes.insert(0, stated.removesuffix("Đồng").strip())
    stated_free = fee_lines > 0 and zero_lines == fee_lines
    if zero_lines and amounts:
        warn("phí có cả dòng 0 đồng và dòng có số tiền; giữ các số tiền")
    return interpret(
        text,
        amounts=amounts or ([0] if stated_free else None),
        stated_free=stated_free,
        note="\n".join(notes) or None,
        today=today,
        foreign_amount=foreign,
    )


def _channels(rows: Any, *, today: date, warn: Warn) -> list[Channel]:
    channels = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        label = nfc(str(row.get("hinh_thuc") or ""))
        name = channel_name(label)
        if name is None:
            warn(f"hình thức nộp không rõ '{label}', bỏ qua hàng")
            continue
        channels.append(
            Channel(
                channel=name,
                time=parse_time(row.get("thoi_han_giai_quyet")),
                fee=parse_fee(row.get("phi_le_phi"), today=today, warn=warn),
                note=field(row.get("mo_ta")),
            )
        )
    return channels


def _documents(rows: Any) -> list[DocumentGroup]:
    items = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        name = field(row.get("ten_giay_to"))
        if not name:
            continue
        count = field(row.get("so_luong"))
        remark = field(row.get("ghi_chu"))
        # The export sometimes puts the form's file name in the "quantity" column.
        form = "; ".join(count.split("\n")) if count and _FORM_FILE.search(count) else None
        quantity = None
        if remark:
            match = _QUANTITY.search(remark)
            quantity = f"{match.group(1)} bản chính, {match.group(2)} bản sao" if match else remark
        if count and not form:
            quantity = f"{count}; {quantity}" if quantity else count
        items.append(DocumentItem(name=name, form=form, quantity=quantity))
    return [DocumentGroup(case=None, items=items)] if items else []


def _legal(rows: Any) -> list[LegalRef]:
    refs: list[LegalRef] = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        label = field(row.get("so_ky_hieu")) or ""
        title = field(row.get("trich_yeu")) or label
        number = _number(label, title)
        ref = LegalRef(number=number, title=title)
        if title and ref not in refs:
            refs.append(ref)
    return refs


def _number(label: str, title: str) -> Optional[str]:
    """ "Thông tư số 67/2024/TT-BQP" -> "67/2024/TT-BQP"; a bare "104" is completed from the title."""
    match = LEGAL_NUMBER.search(label)
    if match:
        return match.group(0)
    if re.fullmatch(r"\d+", label):
        in_title = re.search(rf"(?<!\d){label}/\d{{4}}/[A-ZĐ][\w-]*", title)
        return in_title.group(0) if in_title else label
    return label or None


def parse_word_export(data: Any, *, path: Optional[str], today: date) -> ParsedRecord:
    """One Word-export JSON object -> ``ParsedRecord``; raises ``InvalidRecord`` if unusable."""
    if not isinstance(data, dict):
        raise InvalidRecord("bản ghi không phải một đối tượng JSON")
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    content = data.get("content") if isinstance(data.get("content"), dict) else {}
    tables = data.get("tables") if isinstance(data.get("tables"), dict) else {}
    warnings: list[str] = []
    warn = warnings.append
    code = require_code(meta.get("mã_thủ_tục") or data.get("thu_tuc_id"))
    check_code_shape(code, warn)
    name = require_name(meta.get("tên_thủ_tục"))
    decision = field(meta.get("số_quyết_định"))
    if decision and (match := _DECISION.match(decision)):
        decision = match.group(1)
    procedure = Procedure(
        code=code,
        name=name,
        family=family_key(name),
        decision=decision,
        levels=parse_levels(meta.get("cấp_thực_hiện"), warn),
        kind=field(meta.get("loại_thủ_tục")),
        field=field(meta.get("lĩnh_vực")),
        ministry=MINISTRY,
        subjects=field(content.get("đối_tượng_thực_hiện")),
        agency=field(content.get("cơ_quan_thực_hiện")),
        authority=field(content.get("cơ_quan_có_thẩm_quyền")),
        address=field(content.get("địa_chỉ_tiếp_nhận_hs")),
        delegated_agency=field(content.get("cơ_quan_được_ủy_quyền")),
        coordinating_agency=field(content.get("cơ_quan_phối_hợp")),
        channels=_channels(tables.get("hinh_thuc_nop"), today=today, warn=warn),
        documents=_documents(tables.get("thanh_phan_ho_so")),
        steps=split_steps(content.get("trình_tự_thực_hiện")),
        conditions=field(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        result=field(content.get("kết_quả_thực_hiện")),
        legal_basis=_legal(tables.get("can_cu_phap_ly")),
        related=None,
        source=Source(url=None, format="word-export-2025", captured="2025", path=path),
    )
    return ParsedRecord(procedure=procedure, warnings=warnings)
