"""Words in a question that do not name a procedure: aspects, fillers, people.

"làm hộ chiếu hết bao nhiêu tiền ạ" names one procedure (hộ chiếu) and one
aspect (the fee). Retrieval should look for the procedure, not for titles that
happen to contain "lệ phí" or "tiền"; and a follow-up such as "còn lệ phí thì
sao?" names no procedure at all, so the conversation keeps the one it has.
These lists serve both purposes. They are matched like aliases: on syllable
boundaries, with or without diacritics.
"""

from __future__ import annotations

from enum import Enum

from knowledge.search.phrases import PhraseMatcher


class Role(Enum):
    ASPECT = "aspect"  # what the citizen wants to know about the procedure
    FILLER = "filler"  # politeness, question words, verbs of wanting
    PERSON = "person"  # who it is for: on its own it names no procedure
    CONTENT = "content"  # a phrase that contains one of the words above but names a thing


ASPECT_PHRASES = (
    # fee
    "lệ phí", "phí", "chi phí", "tiền", "bao nhiêu tiền", "hết bao nhiêu", "mất bao nhiêu", "bao nhiêu",
    "giá", "miễn phí", "tốn", "tốn kém", "mấy trăm", "mấy nghìn",
    # documents
    "hồ sơ", "giấy tờ", "giấy tờ gì", "thành phần hồ sơ", "cần những gì", "cần gì", "mang theo", "mang gì",
    "chuẩn bị", "mẫu đơn", "mẫu", "tờ khai", "đơn", "bản sao", "bản chính",
    # time
    "thời gian", "thời hạn", "bao lâu", "mất bao lâu", "bao lâu thì", "mấy ngày", "bao nhiêu ngày",
    "mấy tuần", "bao giờ", "khi nào", "lúc nào", "khi nào có", "ngày làm việc", "lấy",
    # steps
    "các bước", "trình tự", "quy trình", "thủ tục", "cách làm", "cách", "hướng dẫn", "làm thế nào",
    "làm sao", "như thế nào", "thế nào", "ra sao", "các bước làm",
    # where
    "ở đâu", "nộp ở đâu", "chỗ nào", "nơi nào", "cơ quan nào", "đâu", "nơi nộp", "địa chỉ", "làm ở đâu",
    # online
    "trực tuyến", "online", "onl", "qua mạng", "trên mạng", "dịch vụ công", "cổng dịch vụ công", "vneid",
    # conditions, result, legal basis
    "điều kiện", "yêu cầu", "đối tượng", "kết quả", "nhận được gì", "được cấp gì", "căn cứ pháp lý",
    "căn cứ", "luật", "văn bản", "quy định", "nghị định", "thông tư",
)

FILLER_PHRASES = (
    "cho em hỏi", "cho mình hỏi", "cho tôi hỏi", "cho cháu hỏi", "xin hỏi", "hỏi", "ạ", "à", "ơi", "ad",
    "admin", "vậy", "vầy", "thế", "nhé", "nhỉ", "nha", "với", "giúp", "giùm", "dùm", "thì", "sao",
    "thì sao", "còn", "còn nữa", "nữa", "thêm", "muốn", "cần", "phải", "có", "được", "không", "ko", "k",
    "gì", "nào", "mất", "hết", "làm", "xin", "nộp", "nộp hồ sơ", "đăng ký ở đâu", "đi", "đến", "tới", "và", "hay", "hoặc", "là", "của",
    "cho", "để", "thế còn", "vậy còn", "ok", "oke", "vâng", "dạ", "cái", "cái này", "cái đó", "kia",
    "này", "đó", "ấy", "rồi", "chưa", "đã", "sẽ", "đang", "bị", "bây giờ", "giờ", "hiện nay",
    "hiện tại", "ở", "tại", "về", "theo", "bên", "nhà nước", "cần làm",
    "như nào", "sao ạ", "nhiêu", "bn", "bnhieu", "bao", "lâu", "mấy", "gì ạ", "j", "gi", "z",
    "trường hợp", "việc", "giúp em", "em muốn", "tôi muốn", "mình muốn",
)

PERSON_PHRASES = (
    "tôi", "em", "mình", "tớ", "anh", "chị", "con", "con tôi", "con em", "vợ", "chồng", "bố", "mẹ",
    "ba", "má", "ông", "bà", "cháu", "gia đình", "người nhà", "bạn", "người thân", "các bạn",
)

# Longer phrases win, so these keep their words out of the lists above.
CONTENT_PHRASES = (
    "luật sư", "con nuôi", "nuôi con", "con dấu", "tiền sử dụng đất", "tiền thuê đất", "bản sao giấy",
    "cấp bản sao", "thẩm định giá", "giá trị", "lấy mẫu", "mẫu con dấu", "tờ khai hải quan", "hộ chiếu",
    "lần đầu", "nước ngoài", "trong nước", "người nước ngoài", "đơn vị", "phí bảo hiểm", "căn cứ quân sự",
    "trẻ em", "người cao tuổi", "nghĩa vụ quân sự", "kết quả học tập", "văn bằng", "chứng chỉ", "cha mẹ",
    "mẹ con", "cha con", "đăng ký", "cấp lại", "cấp đổi", "làm lại",
)


def _matcher() -> PhraseMatcher[Role]:
    entries: list[tuple[str, Role]] = []
    entries += [(p, Role.ASPECT) for p in ASPECT_PHRASES]
    entries += [(p, Role.FILLER) for p in FILLER_PHRASES]
    entries += [(p, Role.PERSON) for p in PERSON_PHRASES]
    entries += [(p, Role.CONTENT) for p in CONTENT_PHRASES]
    return PhraseMatcher(entries)


_MATCHER = _matcher()


def roles(tokens: list[str]) -> list[Role | None]:
    """For each normalised token: its role, or None when it may name a procedure."""
    labels: list[Role | None] = [None] * len(tokens)
    for match in _MATCHER.find(tokens):
        if match.value is not Role.CONTENT:
            for i in range(match.start, match.end):
                labels[i] = match.value
    for i, token in enumerate(tokens):
        if labels[i] is None and token[:1].isdigit() and "." not in token:
            labels[i] = Role.FILLER  # "1 lần", "2 tuần": numbers alone name nothing
    return labels


def content_tokens(tokens: list[str]) -> list[str]:
    """The tokens that may name a procedure."""
    return [t for t, role in zip(tokens, roles(tokens), strict=True) if role is None]
