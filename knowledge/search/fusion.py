"""Fusing the evidence about each candidate into one score.

Candidates are the top documents of the lexical and of the dense ranking. Each
gets a few features on comparable 0..1 scales, and the score is their weighted
sum. The weights are few and were set on half of the development set and
checked on the other half (``tthc eval`` prints both baselines beside the
fused result), so they reflect kinds of evidence, not single questions. The
features added later (``negated``, ``action_asked``, ``head_asked``,
``other_kind``, ``recall``, ``abroad``) got round weights, the size of an
existing one of the same kind, and were kept only when both halves of the
development set gained or lost nothing and a set of questions written
afterwards confirmed the direction:

``lexical``       BM25 score relative to the best one for this question
``lexical_rank``  reciprocal rank in the BM25 ranking (as in RRF)
``dense``         cosine similarity, rescaled between the 20th and the best candidate
``dense_rank``    reciprocal rank in the dense ranking
``coverage``      share of the title's words (by IDF) that the question contains:
                  favours "Đăng ký kết hôn" over "… có yếu tố nước ngoài tại khu
                  vực biên giới" when the question names neither
``citizen``       the procedure is one individuals file (title or subjects,
                  ``index.citizen_affinity``): the people who write to the assistant
``action``        1 when the title starts with a marked action ("Xóa", "Cấp lại",
                  "Gia hạn", …), or a neutral title is restricted to one ("… trong
                  trường hợp thay đổi chủ xe"), that the question gives no cue for,
                  or the question says "lần đầu" (weighted negative)
``extension``     1 when the title is another title plus a qualifier ("Cấp Giấy chứng
                  nhận kiểm định … cho xe cơ giới" + "trong trường hợp miễn kiểm định
                  lần đầu") and the question names none of the qualifier's words
                  (weighted negative): the plain procedure is the one meant
``age``           1 when the title is for an age group ("dưới 14 tuổi") that cannot
                  hold the age the question gives ("con 15 tuổi"), or, when it gives
                  none and names no child, an adult's (``ages.asked_ages``)
                  (weighted negative)
``first_time``    1 when the question says it is the first time ("lần đầu") and the
                  title starts with a marked action: with ``action`` (which is 1 too)
                  a firmer "no" than a missing cue, since "làm CCCD lần đầu" rules
                  out "Cấp lại" outright (weighted negative)

``negated``       1 when a word of the question occurs in the title only after "không" or
                  "trừ" ("… chuyển mục đích sử dụng đất không phải xin phép" for
                  "xin chuyển mục đích đất"), and the question does not negate it
                  itself (weighted negative)

``action_asked``  1 when the title starts with a marked action and the question gives
                  one of its cues ("giải thể công ty" for "Giải thể doanh nghiệp" over
                  "Chuyển đổi công ty trách nhiệm hữu hạn một thành viên …"): the mirror
                  of ``action``, weighted lower, since cues such as "đổi" or "sai" fit
                  several actions

``head_asked``    1 when the question holds the title's first two words and few titles
                  begin with them ("chứng thực", "giải thể", "khôi phục"; not "cấp
                  giấy" nor "đăng ký", which begin hundreds)

``other_kind``    1 when the question names a kind of business ("công ty") and the
                  title names only another ("… của hộ kinh doanh"; ``querywords.yml``
                  ``business_kinds``) (weighted negative)

``recall``        share of the question's content words and word pairs (by IDF) that the
                  whole title holds: the mirror of ``coverage``, and it reads the title's
                  late words, which often tell near twins apart ("… cho xe cơ giới" /
                  "… cho xe máy chuyên dùng")

``abroad``        1 for the "… ở nước ngoài" twin of a "… ở trong nước" title (nationality)
                  when the question does not say the citizen is abroad (``querywords.yml``
                  ``abroad``): "vợ tôi là người Lào muốn nhập quốc tịch" files at home, the
                  "nước ngoài" of a foreign spouse notwithstanding (weighted negative)

The dense weights move between a value for questions typed without diacritics
and one for accented questions: e5 reads re-accented text less reliably than
text typed with diacritics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FEATURES = (
    "lexical",
    "lexical_rank",
    "dense",
    "dense_rank",
    "coverage",
    "citizen",
    "action",
    "extension",
    "age",
    "first_time",
    "negated",
    "action_asked",
    "head_asked",
    "other_kind",
    "recall",
    "abroad",
)
COLUMN = {name: index for index, name in enumerate(FEATURES)}
RANK_K = 10.0  # reciprocal rank = (K + 1) / (K + 1 + rank): 1 for the first
DENSE_REFERENCE_RANK = 20


@dataclass(frozen=True)
class FusionWeights:
    lexical: float = 1.0
    lexical_rank: float = 0.5
    dense: float = 0.5  # accented question
    dense_bare: float = 0.3  # question typed without diacritics
    dense_rank: float = 0.5
    dense_rank_bare: float = 0.3
    coverage: float = 0.6
    citizen: float = 0.25
    action: float = -0.6
    extension: float = -0.3
    age: float = -0.5
    first_time: float = -0.6
    negated: float = -0.6
    action_asked: float = 0.2
    head_asked: float = 0.2
    other_kind: float = -0.6
    recall: float = 0.3
    abroad: float = -0.6

    def vector(self, accent: float) -> np.ndarray:
        mix = min(1.0, max(0.0, accent))
        dense = self.dense_bare + (self.dense - self.dense_bare) * mix
        dense_rank = self.dense_rank_bare + (self.dense_rank - self.dense_rank_bare) * mix
        return np.array(
            [
                self.lexical,
                self.lexical_rank,
                dense,
                dense_rank,
                self.coverage,
                self.citizen,
                self.action,
                self.extension,
                self.age,
                self.first_time,
                self.negated,
                self.action_asked,
                self.head_asked,
                self.other_kind,
                self.recall,
                self.abroad,
            ],
            dtype=np.float32,
        )


@dataclass(frozen=True)
class Candidates:
    positions: np.ndarray  # document positions
    features: np.ndarray  # (len(positions), len(FEATURES))
    accent: float


def reciprocal_ranks(order: np.ndarray, size: int) -> np.ndarray:
    """Per document: (K+1)/(K+1+rank) for documents in ``order``, 0 elsewhere."""
    out = np.zeros(size, dtype=np.float32)
    out[order] = (RANK_K + 1) / (RANK_K + 1 + np.arange(order.shape[0], dtype=np.float32))
    return out


def relative_dense(similarities: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Cosine rescaled so the best document gets 1 and the reference-rank one 0 (clipped at 0)."""
    best = similarities[order[0]]
    reference = similarities[order[min(DENSE_REFERENCE_RANK, order.shape[0] - 1)]]
    spread = max(float(best - reference), 1e-6)
    return np.clip((similarities - reference) / spread, 0.0, None)


def fuse(candidates: Candidates, weights: FusionWeights) -> np.ndarray:
    """Score of each candidate (same order as ``candidates.positions``)."""
    return candidates.features @ weights.vector(candidates.accent)
