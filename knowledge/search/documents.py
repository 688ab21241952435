"""What of a procedure record gets indexed, and how.

Only the parts a citizen's question can name: the title, the field (lĩnh vực),
the everyday names of the title's terms (from the alias lexicon), the result
(what they receive: "Giấy khai sinh"), the papers they hand in, and the opening
of the conditions, which says whom or what the procedure is for ("Xe cơ giới
…; không áp dụng với xe mô tô, xe gắn máy") where near-twin titles do not.
Fees, times and steps are aspects: they are answered from the record once the
procedure is known, and indexing them would make every "lệ phí" question match
every record.
"""

from __future__ import annotations

import re

from knowledge.catalogue.model import Procedure
from knowledge.search.aliases import AliasLexicon
from knowledge.search.lexical import LexicalDocument

# Result codes such as "(Mã: KQ.G15.000031)" name nothing a citizen types.
_RESULT_CODE = re.compile(r"\(\s*Mã\s*:[^)]*\)", re.IGNORECASE)
MAX_DOCUMENT_ITEMS = 12
MAX_PASSAGE_RESULT_CHARS = 160
# The opening of the conditions: whom it is for. Later text lists legal details.
# Measured on the dev set: any cut from 100 to 1,000 characters scored the same.
MAX_CONDITIONS_CHARS = 300


def result_text(procedure: Procedure) -> str:
    return " ".join(_RESULT_CODE.sub(" ", procedure.result or "").split())


def document_names(procedure: Procedure) -> list[str]:
    names: list[str] = []
    for group in procedure.documents:
        names.extend(item.name for item in group.items if item.name)
    return names[:MAX_DOCUMENT_ITEMS]


def conditions_opening(procedure: Procedure) -> str:
    """The first ``MAX_CONDITIONS_CHARS`` of the conditions, cut between words."""
    text = " ".join((procedure.conditions or "").split())
    if len(text) <= MAX_CONDITIONS_CHARS:
        return text
    cut = text[: MAX_CONDITIONS_CHARS + 1]
    return cut[: cut.rfind(" ")] if " " in cut else cut[:MAX_CONDITIONS_CHARS]


def lexical_document(procedure: Procedure, lexicon: AliasLexicon) -> LexicalDocument:
    aliases = " ; ".join(lexicon.terms_in(procedure.name))
    body = [result_text(procedure), *document_names(procedure), conditions_opening(procedure)]
    return LexicalDocument(
        code=procedure.code,
        name=procedure.name,
        aliases=" ; ".join(part for part in (aliases, procedure.field or "") if part),
        body=" ; ".join(part for part in body if part),
    )


def language_texts(procedure: Procedure) -> list[str]:
    """Running text of a record, for the statistics that put diacritics back on questions."""
    texts = [procedure.name, procedure.field or "", procedure.subjects or "", procedure.conditions or ""]
    texts += [result_text(procedure), *procedure.steps]
    texts += [item.name for group in procedure.documents for item in group.items]
    return [text for text in texts if text]


def passage(procedure: Procedure) -> str:
    """The text the dense model embeds: title, field and a short result.

    Kept short on purpose: e5-small is at its best on sentence-length text, and
    long passages dilute the title, which is what questions match.
    """
    parts = [procedure.name.rstrip(". ")]
    if procedure.field:
        parts.append(f"Lĩnh vực: {procedure.field}")
    result = result_text(procedure)
    if result:
        parts.append(f"Kết quả: {result[:MAX_PASSAGE_RESULT_CHARS]}")
    return ". ".join(parts)
