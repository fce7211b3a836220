"""Sentence roles in text no heading labels: background, objective, methods, results, conclusions
(a linear model trained on MEDLINE's labelled abstracts, ``scripts/train_sentence_roles.py``), and
in news also "quote" (what someone is quoted saying) and "other work" (what earlier studies found).

The roles become sections, so every later step reads them as it reads an abstract's headings:
results come only from findings, the study's subjects and population not from the background.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import BACK_MATTER, DocumentKind, Section
from ..vocabularies import word_list
from .clauses import sentences
from .linear import LinearModel

MODEL = Path(__file__).resolve().parent.parent / "models" / "sentence_roles.json.gz"
ROLES = ("background", "objective", "methods", "results", "conclusions")
QUOTE, OTHER_WORK = "quote", "other work"
UNLABELLED = {"abstract", "body"}  # section kinds that say nothing of a sentence's role
MIN_SENTENCES = 3
READ_METHODS = "methods (read)"  # a sentence the model reads as methods: counts of people there, no other values
NOT_FINDINGS = {"background", "objective", QUOTE, OTHER_WORK, BACK_MATTER}
_WORD = re.compile(r"[a-z]+|\d+|%|[<>=≤≥±]")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{12,})[\"“”]")
# a sentence about the study itself: its researchers, its participants, what it did, measured or found
_OWN_STUDY = re.compile(r"^\s*the\s+(?:co-?)?(?:primary|secondary|main)\s+(?:efficacy\s+)?(?:end\s*-?\s*points?|outcomes?(?:\s+measures?)?)\s+(?:was|were)\b|"
                        r"\bthey\s+(?:looked|analy[sz]ed|examined|studied|followed|tracked|found|compared|reviewed|measured|tested|gave|recruited|enrolled)\b|"
                        r"\b(?:we|our|researchers|investigators|the\s+(?:new|present|current)\s+(?:study|trial|analysis|research)|"
                        r"this\s+(?:study|trial|analysis|report|paper|research)|the\s+(?:study|trial|team)\s+(?:found|showed|suggests?|included|enrolled|followed)|"
                        r"(?:was|were)\s+(?:studied|investigated|examined|evaluated|assessed|analy[sz]ed|compared|followed|enrolled|randomi[sz]ed)|"
                        r"(?:found|showed|reported)\s+that|\bin\s+(?:a|this|our)\s+(?:[\w-]+\s+){0,3}(?:study|trial|analysis|survey)\b|\b(?:study|trial|analysis|survey)\s+(?:of|in|involving|with|included|enrolled)\s+(?:more\s+than\s+|about\s+|nearly\s+|almost\s+)?\d|\bin\s+\d[\d,]*\s+(?:patients|participants|subjects|adults|children|women|men)\b)")
_SAID = re.compile(r"\b(?:said|says|explained|added|noted|told|according\s+to)\b", re.IGNORECASE)


def words_of(text: str, start: int, end: int) -> list[str]:
    return [("0" if w.isdigit() else w) for w in _WORD.findall(text[start:end].lower())]


def sentence_features(words: Sequence[Sequence[str]], i: int) -> list[str]:
    """Sentence ``i`` of a stretch whose sentences have these words: its words and word pairs, its
    first words, where it sits, and the opening words of its neighbours."""
    n = len(words)
    own = words[i]
    before = words[i - 1] if i else ()
    after = words[i + 1] if i + 1 < n else ()
    features = [f"w={w}" for w in set(own)]
    features += [f"b={a}_{b}" for a, b in set(zip(own, own[1:]))]
    features += [f"pos={int(i / n * 10)}", f"first={i == 0}", f"last={i == n - 1}",
                 f"fw={' '.join(own[:2])}", f"fw1={own[0] if own else ''}",
                 f"nb={' '.join(before[:1])}", f"na={' '.join(after[:1])}", f"na2={' '.join(after[:2])}"]
    features += [f"aw={w}" for w in set(after[:8])]
    return features


@dataclass(frozen=True, slots=True)
class RoleModel:
    """Per-sentence scores (a linear model) and how likely each role follows another, decoded
    together (Viterbi): an abstract's roles come in order, background before methods before results."""

    scorer: LinearModel
    transitions: dict[str, dict[str, float]]  # previous role ("start" first) -> role -> log probability
    weight: float  # how much the order counts against the sentence's own scores

    def roles(self, text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
        words = [words_of(text, s, e) for s, e in spans]
        labels = self.scorer.labels
        best: dict[str, tuple[float, tuple[str, ...]]] = {"start": (0.0, ())}
        for i in range(len(spans)):
            own = self.scorer.scores(sentence_features(words, i))
            best = {
                role: max(((score + self.weight * self.transitions[previous][role] + own[k], path + (role,))
                           for previous, (score, path) in best.items()), key=lambda c: c[0])
                for k, role in enumerate(labels)
            }
        return list(max(best.values(), key=lambda c: c[0])[1])

    def save(self, path: Path, about: dict) -> None:
        self.scorer.save(path, {**about, "transitions": self.transitions, "transition_weight": self.weight})

    @classmethod
    def load(cls, path: Path) -> RoleModel:
        scorer, about = LinearModel.load_with_about(path)
        return cls(scorer, about["transitions"], about["transition_weight"])


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL) -> RoleModel:
    return RoleModel.load(path)


def find_roles(text: str, sections: Sequence[Section], kind: DocumentKind, model: RoleModel | None = None) -> tuple[Section, ...]:
    """One section per run of sentences with the same role, for every stretch of text that no
    heading labels (a whole news story, an unlabelled abstract); labelled sections are left alone."""
    model = model or load_model()
    news = kind is not DocumentKind.ARTICLE  # a story, a press release, any text that is not a paper
    found: list[Section] = []
    for start, end in _unlabelled(text, sections):
        spans = sentences(text, start, end)
        if len(spans) < MIN_SENTENCES:
            continue  # a sentence or two alone has no place in an abstract or a story to read a role from
        roles = [_checked_role(text, s, e, role, news) for (s, e), role in zip(spans, model.roles(text, spans))]
        for (s, e), role in zip(spans, roles):
            if found and found[-1].kind == role and found[-1].end >= start and not text[found[-1].end:s].strip():
                found[-1] = Section(role, None, found[-1].start, e)
            else:
                found.append(Section(role, None, s, e))
    return tuple(found)


def with_roles(sections: Sequence[Section], roles: Sequence[Section]) -> tuple[Section, ...]:
    """The labelled sections, and where no heading labels the text, the roles that keep a sentence
    from being read as the study's own (background, objective, quotes, other work); sentences read as
    methods, results or conclusions stay unlabelled (the model tells these apart less surely than a
    heading does, and a study's counts of people are often stated with its methods); a sentence read
    as methods gives no doses, baseline means or ranges (how the study was done)."""
    if not roles:
        return tuple(sections)
    kept = [s for s in sections if s.kind not in UNLABELLED]
    for role in roles:
        kind = role.kind if role.kind in NOT_FINDINGS else READ_METHODS if role.kind == "methods" else "abstract"
        if kept and kept[-1].kind == kind and kept[-1].end <= role.start and kind == "abstract":
            kept[-1] = Section(kind, None, kept[-1].start, role.end)
        else:
            kept.append(role if kind == role.kind else Section(kind, None, role.start, role.end))
    return tuple(sorted(kept, key=lambda s: s.start))


def _unlabelled(text: str, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Stretches of text outside every labelled section (after the title)."""
    labelled = sorted((s.start, s.end) for s in sections if s.kind not in UNLABELLED)
    stretches: list[tuple[int, int]] = []
    cursor = 0
    for start, end in labelled:
        if start > cursor and text[cursor:start].strip():
            stretches.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(text) and text[cursor:].strip():
        stretches.append((cursor, len(text)))
    return stretches


def _checked_role(text: str, start: int, end: int, role: str, news: bool) -> str:
    """The model's role, unless the words overrule it: a sentence read as background or objective
    that speaks of this study ("researchers found", "we studied", "in the new study") is not
    background; in news, a sentence that is mostly a quotation is a quote, one about earlier work
    is other work."""
    sentence = text[start:end]
    lowered = sentence.lower()
    if news:
        role = _news_role(sentence, lowered, role)
    if role in ("background", "objective") and _OWN_STUDY.search(lowered) and not _about_other_work(lowered):
        return "methods"  # stated as the study's own: who was studied, what was found
    return role


def _news_role(sentence: str, lowered: str, role: str) -> str:
    quoted = sum(len(m.group(1)) for m in _QUOTED.finditer(sentence))
    if quoted >= 0.5 * len(sentence) or (quoted and _SAID.search(sentence)):
        return QUOTE
    if _about_other_work(lowered):
        return OTHER_WORK
    if any(cue in lowered for cue in word_list("context cues")) and not _OWN_STUDY.search(lowered):
        return "background"  # a burden figure, the institution's boilerplate, advice: context, not findings
    return role


def _about_other_work(lowered: str) -> bool:
    return any(cue in lowered for cue in word_list("other work cues"))
