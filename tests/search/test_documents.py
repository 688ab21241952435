"""What of a record the lexical index reads (``knowledge.search.documents``)."""

from __future__ import annotations

from answers.builders import procedure

from knowledge.search.aliases import AliasLexicon
from knowledge.search.documents import MAX_CONDITIONS_CHARS, conditions_opening, lexical_document

NO_ALIASES = AliasLexicon({})
VEHICLES = (
    "- Xe cơ giới đáp ứng các yêu cầu về an toàn kỹ thuật và bảo vệ môi trường;\n"
    "- Không áp dụng với đối tượng xe mô tô, xe gắn máy."
)


def test_the_body_holds_the_opening_of_the_conditions():
    record = procedure(name="Cấp Giấy chứng nhận kiểm định", conditions=VEHICLES, result="Giấy chứng nhận")
    body = lexical_document(record, NO_ALIASES).body
    assert body.startswith("Giấy chứng nhận ; ")
    assert "Không áp dụng với đối tượng xe mô tô, xe gắn máy." in body
    assert "\n" not in body


def test_long_conditions_are_cut_between_words():
    words = ["điều kiện"] * 200
    opening = conditions_opening(procedure(conditions=" ".join(words)))
    assert 0 < len(opening) <= MAX_CONDITIONS_CHARS
    assert opening.endswith("điều kiện")


def test_a_record_without_conditions_or_result_leaves_no_empty_parts():
    body = lexical_document(procedure(conditions=None, result=None), NO_ALIASES).body
    assert not body.startswith(" ;") and not body.endswith("; ")
    assert conditions_opening(procedure(conditions=None)) == ""
