"""Parsers for the portal's flattened tables.

The portal scrape lost every cell separator, so a table arrives as one string:
``Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến7 Ngày làm việc10,000 Việt
Nam Đồng(…)Trực tiếp7 Ngày làm việc20,000 Việt Nam Đồng(…)``. The parsers here
find the cells again from what each column can contain. Where the text is
genuinely ambiguous they say so through ``warn`` rather than guess silently, and
they never produce a value that is not written in the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Optional

from knowledge.catalogue.cleaning import NO_INFO, VN_LOWER, VN_UPPER, field, nfc
from knowledge.catalogue.fees import interpret, to_int
from knowledge.catalogue.model import (
    CHANNEL_IN_PERSON,
    CHANNEL_ONLINE,
    CHANNEL_POST,
    Channel,
    DocumentGroup,
    DocumentItem,
    Fee,
    LegalRef,
    ProcessingTime,
)

Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


CHANNEL_NAMES = {
    "trực tuyến": CHANNEL_ONLINE,
    "trực tiếp": CHANNEL_IN_PERSON,
    "dịch vụ bưu chính": CHANNEL_POST,
    "bưu chính": CHANNEL_POST,
    "qua bưu chính": CHANNEL_POST,
    "bưu chính công ích": CHANNEL_POST,
}


def channel_name(text: str) -> Optional[str]:
    """ "Dịch vụ bưu chính" -> "bưu chính"; ``None`` for a name the catalogue does not use."""
    return CHANNEL_NAMES.get(" ".join(nfc(text).lower().split()))


# --------------------------------------------------------------------------- time

_UNITS = {
    "ngày làm việc": "ngày làm việc",
    "ngày": "ngày",
    "giờ làm việc": "giờ làm việc",
    "giờ": "giờ",
    "tháng": "tháng",
    "năm": "năm",
    "phút": "phút",
    "tuần": "tuần",
}
_UNIT_PATTERN = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
# At most six integer digits: a longer run is not a processing time (and would not
# survive a float exactly), so it keeps only its text.
_TIME = re.compile(rf"^\s*(\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*({_UNIT_PATTERN})?\s*$", re.IGNORECASE)


def parse_time(text: Optional[str]) -> ProcessingTime:
    """ "7 Ngày làm việc" -> 7, "ngày làm việc"; a bare "1" keeps ``unit=None``.

    The text is always kept as written so a reader sees exactly what the source
    said; anything that is not a number with an optional known unit (e.g.
    "Không quy định") keeps ``value=None``.
    """
    written = field(text) or ""
    match = _TIME.match(written)
    if not match:
        return ProcessingTime(value=None, unit=None, text=written)
    value = float(match.group(1).replace(",", "."))
    unit = _UNITS[match.group(2).lower()] if match.group(2) else None
    return ProcessingTime(value=value, unit=unit, text=written)


# ------------------------------------------------------------------ channel table

CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
# A row starts with a channel name glued to its time cell, which is a number,
# "Không có thông tin" or a short phrase such as "Không quy định".
_ROW_START = re.compile(r"(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\d|Không)")
_ROW_TIME = re.compile(rf"{NO_INFO}|(\d+(?:[.,]\d+)?)(?: ?({_UNIT_PATTERN}))?", re.IGNORECASE)
_CURRENCY = r"Việt Nam Đồng|VNĐ|Đồng|USD"
_CELL_AMOUNT = re.compile(rf"(\d[\d,.]*) ?({_CURRENCY})")
_GLUED = re.compile(rf"(\d[\d,]*) ({_CURRENCY})")
_FEE_START = rf"Miễn phí|{NO_INFO}|\d[\d,.]* ?(?:{_CURRENCY})"
_TEXT_TIME = re.compile(rf"(?!{NO_INFO})(\D.{{0,79}}?)(?={_FEE_START})", re.DOTALL)


@dataclass
class _Row:
    channel: str
    time: ProcessingTime
    fee_text: str
    amounts: Optional[list[int]]
    foreign: bool
    stated_free: bool
    note: Optional[str]
    description: Optional[str]


def balanced_parenthesis(text: str, start: int) -> int:
    """Index just past the ")" closing the "(" at ``start`` (or the end of ``text``)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _parse_row(channel_label: str, cell: str, warn: Warn) -> _Row:
    channel = CHANNEL_NAMES[channel_label.lower()]
    pos = 0
    glued = _GLUED.match(cell)
    if glued:
        # "Trực tuyến120 VNĐ": a unit-less time and an amount with nothing between
        # them. Every such record seen gives a one-digit time, so the first digit
        # is read as the time and the rest as the amount; say so.
        digits = glued.group(1)
        time = parse_time(digits[0])
        fee_digits = digits[1:]
        amount_text = f"{fee_digits} {glued.group(2)}" if fee_digits else ""
        warn(
            f"kênh {channel}: thời gian và phí dính liền '{glued.group(0)}', "
            f"đọc là thời gian '{digits[0]}' và phí '{amount_text}'"
        )
        fee_cell = amount_text
        pos = glued.end()
    else:
        time_match = _ROW_TIME.match(cell) or _TEXT_TIME.match(cell)
        time_text = time_match.group(0) if time_match else ""
        time = parse_time("" if time_text == NO_INFO else time_text)
        pos = time_match.end() if time_match else 0
        fee_cell = ""
        amount = _CELL_AMOUNT.match(cell, pos)
        if amount:
            fee_cell = amount.group(0)
            pos = amount.end()
        elif cell.startswith("Miễn phí", pos):
            fee_cell = "Miễn phí"
            pos += len("Miễn phí")
        elif cell.startswith(NO_INFO, pos):
            pos += len(NO_INFO)
    note = None
    if fee_cell and cell.startswith("(", pos):
        end = balanced_parenthesis(cell, pos)
        note = cell[pos + 1 : end - 1] if cell[end - 1 : end] == ")" else cell[pos + 1 : end]
        pos = end
    amount = _CELL_AMOUNT.match(fee_cell)
    amounts = None
    foreign = False
    if amount:
        if amount.group(2) == "USD":
            foreign = True
        else:
            amounts = [to_int(amount.group(1))]
    return _Row(
        channel=channel,
        time=time,
        fee_text=fee_cell,
        amounts=amounts,
        foreign=foreign,
        stated_free=fee_cell == "Miễn phí",
        note=note,
        description=field(cell[pos:]),
    )


def parse_channels(text: Optional[str], *, today: date, warn: Warn = _ignore) -> list[Channel]:
    """The portal's "Cách thức thực hiện" table -> one ``Channel`` per row.

    A row is a channel name followed by a time (a number, with or without a
    unit, or "Không có thông tin"), then a fee ("10,000 Việt Nam Đồng",
    "Miễn phí", "Không có thông tin" or nothing) with an optional "(note)",
    then a free-text description up to the next row.
    """
    text = nfc(text or "")
    body = text.split(CHANNEL_HEADER, 1)[1] if CHANNEL_HEADER in text else text
    starts = list(_ROW_START.finditer(body))
    if not starts:
        if field(body):
            warn("bảng cách thức thực hiện không có hàng nào đọc được")
        return []
    if field(body[: starts[0].start()]):
        warn("bảng cách thức thực hiện có chữ trước hàng đầu tiên, bỏ qua")
    channels = []
    for match, following in zip(starts, [*starts[1:], None], strict=False):
        cell = body[match.end() : following.start() if following else len(body)]
        row = _parse_row(match.group(1), cell, warn)
        fee: Fee = interpret(
            row.fee_text,
            amounts=row.amounts,
            stated_free=row.stated_free,
            note=row.note,
            today=today,
            foreign_amount=row.foreign,
        )
        channels.append(Channel(channel=row.channel, time=row.time, fee=fee, note=row.description))
    return channels


# --------------------------------------------------------------- documents table

DOCUMENTS_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# The quantity column is "N bản chính" or "N bản chính,M bản sao" with one-digit
# counts glued to the next item. "01 bản chính;" or "(01 bản chính)" inside an
# item's own text is followed by punctuation or a space, and is not a cell.
_QUANTITY = re.compile(rf"(\d) bản chính(?:,(\d) bản sao)?(?=$|[^\s.,;:){VN_LOWER}]|[a-zđ](?:\.\d+)*\))")
_FORM_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip|odt)$", re.IGNORECASE)
_FORM_FILES_JOINED = re.compile(r"(\.(?:docx|doc(?!x)|pdf|xlsx|xls(?!x)|rar|zip|odt))(?=\S)", re.IGNORECASE)
# Where an item's name ends and the attached form's file name begins. The
# scraper glued them, so look for a seam no Vietnamese sentence has: a lower-case
# letter or ")" directly followed by a capital or digit ("thống nhấtMẫu 01"),
# punctuation directly followed by a letter ("quy định;văn bản"), an acronym
# followed by a capitalised or lower-case word ("TT-BNNMTMẫu", "NĐ-CPmau").
_GLUE = re.compile(
    rf"(?<=[{VN_LOWER})\]])(?=[{VN_UPPER}0-9])"
    rf"|(?<=[.;:])(?=[{VN_UPPER}{VN_LOWER}])"
    rf"|(?<=[{VN_UPPER}])(?=[{VN_UPPER}][{VN_LOWER}])"
    rf"|(?<=[{VN_UPPER}]{{2}})(?=[{VN_LOWER}]{{2}})"
)


# A file name does not cite a document number or say "ban hành kèm theo": a
# seam before such text ("Mẫu số 10.NT Phụ lục I ban hành kèm theo …") is
# inside the item's name.
_PROSE_IN_FORM = re.compile(r"\d+/\d{4}/|ban hành kèm|kèm theo")


def _split_form(text: str) -> tuple[str, Optional[str]]:
    """ "Tờ khai theo mẫuMẫu 01.docx" -> ("Tờ khai theo mẫu", "Mẫu 01.docx").

    When no seam is visible ("theo mẫuvăn bản.docx") the text stays whole as
    the name rather than being cut at a guess.
    """
    if not _FORM_FILE.search(text):
        return text, None
    window_start = max(0, len(text) - 160)
    for glue in _GLUE.finditer(text, window_start):
        name, form = text[: glue.start()].strip(), text[glue.start() :].strip()
        if name and form and _FORM_FILE.search(form) and not _PROSE_IN_FORM.search(form):
            return name, _FORM_FILES_JOINED.sub(r"\1; ", form)
    return text, None


def _quantity_text(match: re.Match[str]) -> str:
    originals, copies = match.group(1), match.group(2)
    return f"{originals} bản chính" + (f", {copies} bản sao" if copies is not None else "")


def _items(chunk: str) -> tuple[list[DocumentItem], str]:
    """Items of one group, plus the trailing text (the next group's heading)."""
    items = []
    pos = 0
    for match in _QUANTITY.finditer(chunk):
        raw = chunk[pos : match.start()].strip()
        pos = match.end()
        if not raw:
            continue
        name, form = _split_form(raw)
        items.append(DocumentItem(name=name, form=form, quantity=_quantity_text(match)))
    return items, chunk[pos:]


def _heading(text: str) -> Optional[str]:
    heading = field(text)
    if heading is None or not heading.strip("-– "):
        return None
    return heading


def parse_documents(text: Optional[str], *, warn: Warn = _ignore) -> list[DocumentGroup]:
    """The portal's "Thành phần hồ sơ" -> groups of items.

    Each group is ``<case heading>Tên giấy tờMẫu đơn, tờ khaiSố lượng<items>``;
    "--" stands for "no heading". Items end with their quantity cell. The text
    after a group's last quantity is the next group's heading. Headings are
    kept where the source put them, even where the source misaligned them.
    """
    text = nfc(text or "")
    if not (field(text) or "").strip("-– "):
        return []
    chunks = text.split(DOCUMENTS_HEADER)
    if len(chunks) == 1:
        warn("thành phần hồ sơ không có bảng, giữ nguyên văn bản")
        return [DocumentGroup(case=None, items=[DocumentItem(name=field(text) or "")])]
    groups: list[DocumentGroup] = []
    heading = _heading(chunks[0])
    for index, chunk in enumerate(chunks[1:], start=1):
        items, rest = _items(chunk)
        last = index == len(chunks) - 1
        if last and (field(rest) or "").strip("-– "):
            items.append(DocumentItem(name=field(rest) or "", quantity=None))
            warn(f"giấy tờ cuối không có số lượng: '{field(rest)[:60]}'")
        if not items:
            warn(f"nhóm hồ sơ '{heading or '-'}' không có giấy tờ nào đọc được")
        groups.append(DocumentGroup(case=heading, items=items))
        heading = None if last else _heading(rest)
    return [g for g in groups if g.items or g.case]


# ------------------------------------------------------------------- legal table

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
_LOWER = VN_LOWER
# A document number: "68/2020/QH14", "1523/QĐ-BCA-C06", "69/2007/TTLT/BQP-BLĐTBXH-BTC".
_NUMBER_START = re.compile(r"(\d+)(\.\d+)?/(?:(\d{4})/)?(?=[A-ZĐ])")
_SEGMENT = re.compile(rf"TTg|TTG|(?:UBTV)?QH\d{{2}}|[A-ZĐ]+\d*(?![{_LOWER}])|[A-ZĐ]+(?=[A-ZĐ][{_LOWER}])")
# Issuer and type codes, so that "…/NĐ-CPLUẬT HÀNG KHÔNG" ends at "CP".
KNOWN_CODES = frozenset(
    [
        "QĐ",
        "NĐ",
        "NQ",
        "TT",
        "TTLT",
        "CT",
        "PL",
        "L",
        "VBHN",
        "NQLT",
        "HD",
        "CV",
        "BC",
        "KH",
        "TB",
        "NĐCP",
        "CP",
        "TTg",
        "TTG",
        "BTC",
        "BCA",
        "BTP",
        "BXD",
        "BNNMT",
        "BNNPTNT",
        "BTNMT",
        "NHNN",
        "BGTVT",
        "BQP",
        "BYT",
        "BLĐTBXH",
        "BKHĐT",
        "BCT",
        "BNV",
        "BGDĐT",
        "BVHTTDL",
        "BTTTT",
        "BKHCN",
        "BNG",
        "CTN",
        "TANDTC",
        "VKSNDTC",
        "HĐTP",
        "KTNN",
        "UBND",
        "HĐND",
        "VPCP",
        "UBDT",
        "BTTUBTVQH",
        "BTM",
        "BKH",
        "BCN",
        "BTS",
        "BTCCBCP",
        "C06",
        "BNN",
        "BLĐ",
        "TW",
        "TANDTC",
        "HĐTP",
    ]
)
_CONTINUATION = re.compile(r"(?:ngày|của|năm|và|do|được|tại)\b")


def _segment_at(text: str, pos: int) -> Optional[str]:
    run = re.match(r"[A-ZĐ][A-Za-zĐđ0-9]*", text[pos:])
    if not run:
        return None
    word = run.group(0)
    for size in range(len(word), 0, -1):
        if word[:size] in KNOWN_CODES:
            return word[:size]
    match = _SEGMENT.match(text, pos)
    return match.group(0) if match else None


def read_number(text: str, pos: int = 0) -> Optional[tuple[int, int, str]]:
    """Find the next document number at or after ``pos``: (start, end, number).

    Suffix segments are read one at a time so that a code glued to the next
    title ("66.7/2025/NQ-CPThông tư …", "47/2014/QH13Luật …") ends where the code
    ends. A numerator glued to a year before it ("Luật Cư trú 202068/2020/QH14")
    drops the year.
    """
    while True:
        match = _NUMBER_START.search(text, pos)
        if not match:
            return None
        digits = match.group(1)
        start = match.start()
        if len(digits) > 4 and re.match(r"(19|20)\d\d", digits):
            start += 4
            digits = digits[4:]
        end = match.end()
        segments = []
        while True:
            segment = _segment_at(text, end)
            if not segment:
                break
            segments.append(segment)
            end += len(segment)
            if end < len(text) and text[end] in "-/" and re.match(r"[A-ZĐ]", text[end + 1 : end + 2]):
                nxt = _segment_at(text, end + 1)
                if nxt:
                    end += 1
                    continue
            break
        if segments:
            return start, end, text[start:end]
        pos = match.end()


_TITLE_START = re.compile(
    r"\s+(?:Nghị định|Nghị quyết|Thông tư|Quyết định|Luật|Bộ luật|Pháp lệnh|Chỉ thị|Văn bản)\b"
)


def _ends_row(text: str, start: int, end: int) -> bool:
    """A number ends a table row when the next cell is glued to it (or nothing follows).

    One exception: a code glued to its own title and followed by a space and a
    new document title ("…của Bộ Tư pháp18/2026/NĐ-CP Nghị định …").
    """
    if end >= len(text):
        return True
    nxt = text[end]
    if nxt.isspace():
        return start > 0 and not text[start - 1].isspace() and bool(_TITLE_START.match(text, end))
    if nxt in ",.;:)]”\"'":
        return False
    return not _CONTINUATION.match(text, end)


# The scrape sometimes ran on into the page's next section.
_NEXT_SECTION = re.compile(r"Cơ quan thực hiện.*\Z", re.DOTALL)
# Some code cells carry the document type too ("Nghị quyết số 111/2025/UBTVQH15");
# those words are glued to the end of the previous cell, the title.
_CODE_PREFIX = re.compile(r"(?<=\S)(?:Nghị quyết|Nghị định|Thông tư|Quyết định|Luật|Pháp lệnh)(?: số)?\s*$")


def _without_code_prefix(title: str) -> str:
    return _CODE_PREFIX.sub("", title).rstrip(" .;")


def parse_legal(text: Optional[str], *, warn: Warn = _ignore) -> list[LegalRef]:
    """The portal's "Căn cứ pháp lý" -> ``LegalRef(number, title)`` rows.

    Each row is a title followed by its number, glued to the next title. A
    number is a row end when the next row's title follows it without a space;
    numbers inside a title are followed by a space or punctuation. A row whose
    title would be empty is the number standing as its own title (it is then
    repeated as the code).
    """
    text = nfc(text or "")
    if not field(text):
        return []
    body = text.split(LEGAL_HEADER, 1)[1] if LEGAL_HEADER in text else text
    body = _NEXT_SECTION.sub("", body)
    refs: list[LegalRef] = []
    row_start = 0
    pos = 0
    while True:
        found = read_number(body, pos)
        if not found:
            break
        start, end, number = found
        pos = end
        if not _ends_row(body, start, end):
            continue
        if end < len(body) and body[end].isdigit():
            # Another number glued on: either this is the title's own number and
            # the code follows ("Thông tư 57/2021/TT-BCA57/2021/TT-BCA", "… bởi Nghị
            # định số 232/2025/NĐ-CP34/2025/TT-NHNN"), or this is the code and the
            # next title is a bare number. A number the title mentions follows a space.
            repeated = read_number(body, end)
            if repeated and repeated[0] == end and repeated[2] == number:
                continue
            if start > 0 and body[start - 1].isspace():
                continue
        title = _without_code_prefix(field(body[row_start:start]) or "")
        if not title:
            continue
        refs.append(LegalRef(number=number, title=title))
        row_start = end
    rest = field(body[row_start:])
    if rest:
        # The last code may be a bare "24/2024" (no type suffix) glued to its title.
        bare = re.search(r"(?<=\D)(\d{1,4}/\d{4})$", rest)
        if bare and field(rest[: bare.start()]):
            refs.append(
                LegalRef(number=bare.group(1), title=(field(rest[: bare.start()]) or "").rstrip(" .;"))
            )
        else:
            refs.append(LegalRef(number=None, title=rest))
            warn(f"văn bản pháp lý không có mã: '{rest[:60]}'")
    return refs
