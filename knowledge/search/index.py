"""The search index on disk (``var/index/``): build, stamp, load.

Layout::

    var/index/
      stamp.json       catalogue fingerprint, model, index version, build time
      catalogue.json   code, name, family, levels of every procedure (hits need no DB)
      lexical/         bm25s indexes (see lexical.py)
      dense/           FAISS index + codes (see dense.py)
      diacritics.json.gz  syllable statistics for re-accenting questions (see diacritics.py)

A build writes a new directory beside the old one and swaps it in, so a
running assistant never loads half an index and a failed build keeps the old
one. ``is_stale`` compares the stamp with the catalogue's fingerprint and the
configured model, which is what ``tthc index build --if-stale`` checks.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Optional, Protocol

from knowledge.catalogue.model import Procedure
from knowledge.catalogue.store import CatalogueStore
from knowledge.search.aliases import DEFAULT_PATH as ALIASES_PATH
from knowledge.search.aliases import AliasLexicon, default_lexicon
from knowledge.search.dense import DenseIndex, TextEncoder
from knowledge.search.diacritics import DiacriticRestorer
from knowledge.search.documents import language_texts, lexical_document, passage
from knowledge.search.lexical import LexicalIndex
from knowledge.search.querywords import EVERYDAY_PATH, WORDS_PATH, all_phrases, everyday_phrases
from knowledge.settings import data_dir

# Bump when what is indexed or how changes, so --if-stale rebuilds old indexes.
INDEX_FORMAT = "7"
# The word lists shape the index too (alias field, diacritics statistics): an
# edit to them makes the index stale, though an old one still loads.
WORD_LISTS = (ALIASES_PATH, WORDS_PATH, EVERYDAY_PATH)


def _word_lists_digest() -> str:
    digest = hashlib.sha256()
    for path in WORD_LISTS:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


INDEX_VERSION = f"{INDEX_FORMAT}+{_word_lists_digest()}"
DIACRITICS_FILE = "diacritics.json.gz"
CITIZENS = "Công dân Việt Nam"
# Other subjects that are people, not organisations.
INDIVIDUALS = ("Người Việt Nam định cư ở nước ngoài", "Người nước ngoài", "Cán bộ")
# Title words that address people ("… đối với hộ gia đình, cá nhân") or only organisations.
# Inheritance and gifts ("chuyển nhượng, thừa kế, tặng cho quyền sử dụng đất") are
# people's affairs too, whatever a record's subjects list says.
_PEOPLE_IN_TITLE = re.compile(
    r"\b(cá nhân|hộ gia đình|công dân|người dân|thừa kế, tặng cho)\b", re.IGNORECASE
)
_ORGANISATIONS_IN_TITLE = re.compile(r"đối với (các )?(tổ chức|doanh nghiệp)", re.IGNORECASE)
# "… theo yêu cầu của cơ quan tiến hành tố tụng (đối tượng là công dân …)": an
# agency files it about people, so the people it names do not make it theirs.
_AGENCY_REQUESTS = re.compile(r"theo (yêu cầu|đề nghị) của (các )?cơ quan", re.IGNORECASE)
# Neither are permits for training and testing centres ("… cho trung tâm sát hạch lái
# xe"), nor the diplomatic privileges of "đối tượng được hưởng quyền ưu đãi, miễn trừ",
# whatever individuals their subjects list; nor the filings of employers, "tổ chức,
# cá nhân trả thu nhập" (who withhold income tax), though a person may be one.
_NOT_CITIZENS_IN_TITLE = re.compile(
    r"\bcho (các )?trung tâm\b|quyền ưu đãi,? miễn trừ|trả thu nhập", re.IGNORECASE
)
# Question words are rare in the catalogue but frequent in questions; the word
# lists count as this many sentences each so the statistics know them.
QUESTION_LANGUAGE_REPEATS = 200


class IndexNotBuilt(FileNotFoundError):
    """No usable index: the operator has to run ``tthc index build``."""

    def __init__(self, directory: Path, reason: str = "missing"):
        super().__init__(
            f"Chưa có chỉ mục tìm kiếm dùng được tại {directory} ({reason}). Hãy chạy `tthc index build` "
            f"(no usable search index at {directory}; run `tthc index build`)."
        )
        self.directory = directory


class BuildProgress(Protocol):
    """Told about each stage of a build and how far it got (a progress bar, a log, nothing)."""

    def stage(self, description: str, total: int) -> None: ...

    def advance(self, amount: int = 1) -> None: ...


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    family: str
    levels: list[str]
    citizen: float  # how much the procedure is one individuals file (see citizen_affinity)


@dataclass(frozen=True)
class IndexStamp:
    catalogue: str  # CatalogueStore.fingerprint()
    model: str  # encoder name
    version: str
    count: int
    built_at: str
    seconds: float


@dataclass
class LoadedIndex:
    stamp: IndexStamp
    entries: list[CatalogueEntry]
    lexical: LexicalIndex
    dense: DenseIndex
    restorer: DiacriticRestorer


def index_dir() -> Path:
    return data_dir() / "index"


def read_stamp(directory: Optional[Path] = None) -> Optional[IndexStamp]:
    path = (directory or index_dir()) / "stamp.json"
    try:
        return IndexStamp(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def is_stale(store: CatalogueStore, model: str, directory: Optional[Path] = None) -> bool:
    """Whether the index is missing or was built from another catalogue, model or index version."""
    stamp = read_stamp(directory)
    return (
        stamp is None
        or stamp.catalogue != store.fingerprint()
        or stamp.model != model
        or stamp.version != INDEX_VERSION
    )


def build_index(
    store: CatalogueStore,
    encoder: TextEncoder,
    directory: Optional[Path] = None,
    progress: Optional[BuildProgress] = None,
    lexicon: Optional[AliasLexicon] = None,
) -> IndexStamp:
    """Index every procedure of ``store``; the previous index stays in place until this succeeds."""
    started = time.perf_counter()
    directory = directory or index_dir()
    lexicon = lexicon or default_lexicon()
    fingerprint = store.fingerprint()
    procedures = list(store.all())
    if not procedures:
        raise ValueError("Catalogue rỗng, không có gì để lập chỉ mục (the catalogue is empty).")
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        _write_entries(staging, procedures)
        _stage(progress, "Thống kê dấu tiếng Việt", 1)
        build_restorer(procedures, lexicon).save(staging / DIACRITICS_FILE)
        if progress:
            progress.advance(1)
        _stage(progress, "Chỉ mục từ khóa (BM25)", 6)
        documents = [lexical_document(p, lexicon) for p in procedures]
        LexicalIndex.build(documents, progress=_advance(progress)).save(staging / "lexical")
        _stage(progress, f"Nhúng văn bản ({encoder.name})", len(procedures))
        dense = DenseIndex.build(
            [p.code for p in procedures],
            [passage(p) for p in procedures],
            encoder,
            progress=(lambda n: progress.advance(n)) if progress else None,
        )
        dense.save(staging / "dense")
        stamp = IndexStamp(
            catalogue=fingerprint,
            model=encoder.name,
            version=INDEX_VERSION,
            count=len(procedures),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            seconds=round(time.perf_counter() - started, 1),
        )
        (staging / "stamp.json").write_text(json.dumps(asdict(stamp), ensure_ascii=False), encoding="utf-8")
        _swap_into_place(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return stamp


def load_index(directory: Optional[Path] = None) -> LoadedIndex:
    directory = directory or index_dir()
    stamp = read_stamp(directory)
    if stamp is None:
        raise IndexNotBuilt(directory)
    if stamp.version.split("+")[0] != INDEX_FORMAT:
        raise IndexNotBuilt(
            directory,
            f"lập bằng phiên bản cũ ({stamp.version}, cần {INDEX_FORMAT}) / built by an older version",
        )
    try:
        entries = [
            CatalogueEntry(**entry)
            for entry in json.loads((directory / "catalogue.json").read_text(encoding="utf-8"))
        ]
        lexical = LexicalIndex.load(directory / "lexical")
        dense = DenseIndex.load(directory / "dense")
        restorer = DiacriticRestorer.load(directory / DIACRITICS_FILE)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexNotBuilt(directory, f"hỏng / damaged: {exc}") from exc
    codes = [entry.code for entry in entries]
    if lexical.codes != codes or dense.codes != codes:
        raise IndexNotBuilt(directory, "các phần không khớp nhau / parts do not match")
    return LoadedIndex(stamp=stamp, entries=entries, lexical=lexical, dense=dense, restorer=restorer)


def build_restorer(procedures: list[Procedure], lexicon: AliasLexicon) -> DiacriticRestorer:
    """Syllable statistics of the catalogue plus the question language of the word lists."""
    # The lexicon's colloquial terms, not its official wording: that is catalogue
    # text already, and counted again 200 times it outweighed everyday readings
    # ("đổi cải" of "thay đổi cải chính" over "đổi cái mới").
    question_language = [*all_phrases(), *lexicon.terms(), *everyday_phrases()] * QUESTION_LANGUAGE_REPEATS
    texts = (text for p in procedures for text in language_texts(p))
    return DiacriticRestorer.from_texts(itertools.chain(texts, question_language))


# ------------------------------------------------------------------ helpers


def citizen_affinity(procedure: Procedure) -> float:
    """1 for procedures citizens file, 0.5 for other individuals, 0 for organisations only.

    The people who write to the assistant are mostly citizens, so among near
    twins ("… lần đầu đối với tổ chức" / "… đối với hộ gia đình, cá nhân") the
    one for people should win. The title, when it names who, overrides the
    subjects list, which is often a generous union.
    """
    subjects = procedure.subjects or ""
    if _AGENCY_REQUESTS.search(procedure.name) or _NOT_CITIZENS_IN_TITLE.search(procedure.name):
        return 0.0
    if _PEOPLE_IN_TITLE.search(procedure.name):
        return 1.0
    if _ORGANISATIONS_IN_TITLE.search(procedure.name):
        return 0.0
    if CITIZENS in subjects:
        return 1.0
    return 0.5 if any(kind in subjects for kind in INDIVIDUALS) else 0.0


def _write_entries(directory: Path, procedures: list[Procedure]) -> None:
    entries: list[dict[str, Any]] = [
        asdict(
            CatalogueEntry(
                code=p.code,
                name=p.name,
                family=p.family,
                levels=list(p.levels),
                citizen=citizen_affinity(p),
            )
        )
        for p in procedures
    ]
    (directory / "catalogue.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def _stage(progress: Optional[BuildProgress], description: str, total: int) -> None:
    if progress:
        progress.stage(description, total)


def _advance(progress: Optional[BuildProgress]) -> Optional[Callable[[str], None]]:
    if not progress:
        return None
    return lambda _description: progress.advance(1)


def _swap_into_place(staging: Path, directory: Path) -> None:
    """Replace ``directory`` by ``staging`` with the window of no index as short as a rename."""
    old = None
    if directory.exists():
        old = directory.with_name(f".{directory.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(directory, old)
    os.replace(staging, directory)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
