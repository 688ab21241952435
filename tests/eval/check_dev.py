"""Validate a retrieval evaluation file (one JSON question per line) and print its coverage.

Run it after every edit of ``tests/eval/dev.jsonl``::

    .venv/bin/python tests/eval/check_dev.py tests/eval/dev.jsonl [--sources DIR]

It exits 1 when any line is malformed or mislabelled, so a bad edit cannot slip
into the numbers that ``tthc eval`` reports. What it enforces:

* shape: ``query`` (NFC, trimmed, non-empty), ``codes`` (non-empty, distinct,
  ``d.dddddd``), ``style``, ``aspect`` (one of the answer aspects), optional
  ``note``; nothing else;
* style labels: ``unaccented`` questions carry no diacritic, every other style
  carries some; ``abbrev`` questions contain a known abbreviation and
  ``accented`` ones none (otherwise they are ``abbrev``);
* no two questions the same once case, accents and punctuation are ignored;
* with the catalogue export present: every code exists, and a question that
  names one level of a procedure lists the other levels too, unless its note
  says the level was chosen on purpose (a note containing "level").

The file holds no catalogue data: codes are checked against the export beside
the checkout (``../shared/catalogue-sources``) or the one given by ``--sources``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from knowledge.answers import ASPECTS
from knowledge.catalogue.family import family_key
from knowledge.settings import PROJECT_ROOT

STYLES = ("accented", "unaccented", "abbrev", "typo")
ALLOWED_KEYS = {"query", "codes", "style", "aspect", "note"}
CODE = re.compile(r"^\d\.\d{6}$")
SHARED_SOURCES = PROJECT_ROOT.parent / "shared" / "catalogue-sources"

# Short forms citizens type instead of the official words (compared lower-cased,
# token by token). A question that uses one of them is an "abbrev" question
# unless it also lacks diacritics (then "unaccented") or has typos ("typo").
# fmt: off
ABBREVIATIONS = frozenset({
    # papers and databases
    "cccd", "cmnd", "cmt", "cc", "vneid", "vssid", "csdl", "adn", "gplx", "idp", "lltp", "ct07",
    "gcn", "qsdđ", "qsdd", "sđ", "gpkd", "đkkd", "dkkd", "hkd", "đkhkd", "gpxd", "cfs", "đtm", "dtm",
    # agencies, taxes, insurance, company forms
    "pccc", "antt", "bhyt", "bhxh", "bhtn", "tnlđ", "ubnd", "thads", "mst", "tncn", "tndn", "gtgt",
    "bđs", "bds", "tnhh", "cty", "nvqs", "nhnn", "vnd", "vn",
    # chat shorthand
    "ko", "k", "đc", "dc", "đk", "dk", "j", "ntn",
})
# fmt: on


@dataclass
class Report:
    """What one validation pass found: problems, and counts for the coverage table."""

    errors: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    ministry_of: dict[str, str] = field(default_factory=dict)
    families: set[str] = field(default_factory=set)
    codes_checked: bool = False

    def counts(self, key: str) -> Counter:
        return Counter(row[key] for row in self.rows)

    def ministries(self) -> Counter:
        return Counter(self.ministry_of.get(row["codes"][0], "?") for row in self.rows)

    def distinct_codes(self) -> set[str]:
        return {code for row in self.rows for code in row["codes"]}


def has_diacritics(text: str) -> bool:
    """True if any letter carries a Vietnamese mark (tone, hat, horn, breve) or is đ."""
    for char in text:
        if char in "đĐ":
            return True
        if any(unicodedata.combining(part) for part in unicodedata.normalize("NFD", char)):
            return True
    return False


def tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def dedup_key(text: str) -> str:
    """Lower case, no accents, no punctuation: two questions equal here are duplicates."""
    stripped = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(char for char in stripped if not unicodedata.combining(char))
    return " ".join(tokens(stripped))


def check_row(number: int, row: object) -> list[str]:
    """Shape and style problems of one parsed line (no catalogue needed)."""
    where = f"dòng/line {number}"
    if not isinstance(row, dict):
        return [f"{where}: không phải object JSON / not a JSON object"]
    problems: list[str] = []
    extra = set(row) - ALLOWED_KEYS
    if extra:
        problems.append(f"{where}: khóa lạ / unexpected keys {sorted(extra)}")
    query = row.get("query")
    if not isinstance(query, str) or not query.strip():
        problems.append(f"{where}: thiếu câu hỏi / missing query")
        query = ""
    elif query != unicodedata.normalize("NFC", query) or query != query.strip():
        problems.append(
            f"{where}: câu hỏi phải ở dạng NFC, không thừa khoảng trắng / query must be NFC and trimmed"
        )
    codes = row.get("codes")
    if not isinstance(codes, list) or not codes:
        problems.append(f"{where}: thiếu mã thủ tục / codes must be a non-empty list")
    else:
        bad = [code for code in codes if not isinstance(code, str) or not CODE.match(code)]
        if bad:
            problems.append(f"{where}: mã sai dạng / malformed codes {bad}")
        if len(set(map(str, codes))) != len(codes):
            problems.append(f"{where}: mã lặp / duplicate codes")
    style, aspect = row.get("style"), row.get("aspect")
    if style not in STYLES:
        problems.append(f"{where}: style {style!r} không thuộc / not in {STYLES}")
    if aspect not in ASPECTS:
        problems.append(f"{where}: aspect {aspect!r} không thuộc / not in {ASPECTS}")
    if "note" in row and not isinstance(row["note"], str):
        problems.append(f"{where}: note phải là chuỗi / note must be a string")
    if query and style in STYLES:
        problems.extend(f"{where}: {message}" for message in style_problems(query, style))
    return problems


def style_problems(query: str, style: str) -> list[str]:
    accented = has_diacritics(query)
    abbreviated = sorted(set(tokens(query)) & ABBREVIATIONS)
    if style == "unaccented" and accented:
        return ["style unaccented nhưng câu có dấu / has diacritics"]
    if style in ("accented", "abbrev") and not accented:
        return [f"style {style} nhưng câu không dấu, hãy dùng unaccented / has no diacritics"]
    if style == "abbrev" and not abbreviated:
        return ["style abbrev nhưng không có từ viết tắt nào đã biết / no known abbreviation"]
    if style == "accented" and abbreviated:
        return [f"style accented nhưng có viết tắt {abbreviated}, hãy dùng abbrev / uses abbreviations"]
    return []


def read_rows(path: Path, report: Report) -> None:
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            report.errors.append(f"dòng/line {number}: JSON lỗi / invalid JSON ({exc.msg})")
            continue
        problems = check_row(number, row)
        report.errors.extend(problems)
        if problems:
            continue
        key = dedup_key(row["query"])
        if key in seen:
            report.errors.append(
                f"dòng/line {number}: trùng câu ở dòng {seen[key]} / duplicate of line {seen[key]}"
            )
        seen.setdefault(key, number)
        report.rows.append(row)
        report.line_numbers.append(number)


@lru_cache(maxsize=4)
def catalogue_index(sources: Path) -> dict[str, tuple[str, str]]:
    """``code -> (ministry folder, title)`` for every record of the export (read once per run)."""
    index: dict[str, tuple[str, str]] = {}
    for path in sources.glob("portal-2026/*/*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        index[path.stem] = (path.parent.name, record.get("ten_thu_tuc", ""))
    for path in sources.glob("word-export-2025/*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        # The Word export covers the Ministry of Defence only.
        index[path.stem] = ("bo-quoc-phong", record.get("metadata", {}).get("tên_thủ_tục", ""))
    return index


def check_codes(sources: Path, report: Report) -> None:
    """Every code exists; a question naming one level of a procedure names all its levels."""
    index = catalogue_index(sources)
    report.ministry_of = {code: ministry for code, (ministry, _) in index.items()}
    report.codes_checked = True
    for code in sorted(report.distinct_codes() - set(index)):
        report.errors.append(f"mã {code} không có trong / not in {sources}")
    family_of = {code: family_key(title) for code, (_, title) in index.items()}
    members: dict[str, set[str]] = {}
    for code, key in family_of.items():
        members.setdefault(key, set()).add(code)
    labelled = report.distinct_codes() & set(index)
    report.families = {family_of[code] for code in labelled}
    for number, row in zip(report.line_numbers, report.rows, strict=True):
        if "level" in row.get("note", "").lower():
            continue
        listed = set(row["codes"]) & set(index)
        missing = sorted({m for code in listed for m in members[family_of[code]]} - set(row["codes"]))
        if missing:
            report.errors.append(
                f"dòng/line {number} ({row['query']!r}): thiếu mã cùng thủ tục ở cấp khác / missing level variants {missing}"
            )


def validate(path: Path, sources: Path | None) -> Report:
    report = Report()
    read_rows(path, report)
    if sources is not None:
        check_codes(sources, report)
    return report


def print_report(report: Report, out=sys.stdout) -> None:
    rows = report.rows
    total = len(rows) or 1
    print(f"câu hỏi / questions: {len(rows)}", file=out)
    print(f"mã khác nhau / distinct codes: {len(report.distinct_codes())}", file=out)
    if report.codes_checked:
        print(f"thủ tục khác nhau (theo họ) / distinct procedure families: {len(report.families)}", file=out)
    for title, counts in (("style", report.counts("style")), ("aspect", report.counts("aspect"))):
        print(f"{title}:", file=out)
        for name, count in counts.most_common():
            print(f"  {name:<12} {count:>4}  {count / total:6.1%}", file=out)
    if report.codes_checked:
        print("bộ / ministry (of the first code):", file=out)
        for name, count in report.ministries().most_common():
            print(f"  {name:<20} {count:>4}", file=out)
    else:
        print("(không có kho thủ tục: bỏ qua kiểm tra mã / no catalogue export: codes not checked)", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Kiểm tra tệp đánh giá truy hồi / validate a retrieval eval file"
    )
    parser.add_argument("file", type=Path, nargs="?", default=Path(__file__).with_name("dev.jsonl"))
    parser.add_argument(
        "--sources", type=Path, help="catalogue export (default: ../shared/catalogue-sources if present)"
    )
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"Không tìm thấy tệp / file not found: {args.file}", file=sys.stderr)
        return 2
    sources = args.sources or (SHARED_SOURCES if SHARED_SOURCES.is_dir() else None)
    if sources is not None and not sources.is_dir():
        print(f"Không tìm thấy thư mục nguồn / sources not found: {sources}", file=sys.stderr)
        return 2
    report = validate(args.file, sources)
    print_report(report)
    if report.errors:
        print(f"\n{len(report.errors)} lỗi / problems:", file=sys.stderr)
        for error in report.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print("\nOK", file=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
