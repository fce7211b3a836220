"""The statistical outcome tagger, an opt-in (``litkg extract --outcome-tagger``).

A spaCy CPU tok2vec + NER model trained by ``scripts/train_outcome_tagger.py`` on the
EvidenceOutcomes abstracts (MIT licence) and shipped in ``extractor/models/outcome_tagger``.
Cross-validated, it finds outcome mentions better than the rules (docs/ACCURACY.md) but costs
several times the whole rule-based NLP stage (docs/PERFORMANCE.md), so it is off unless asked for.
``OutcomeTagger.load()`` gives one; the analysis uses it when it is passed one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MODEL = Path(__file__).resolve().parent.parent / "models" / "outcome_tagger"
_CHUNK = 50_000  # characters per call: spaCy refuses texts over 1,000,000 and long texts cost memory



class OutcomeTagger:
    """A loaded tagger; ``tag`` gives its outcome spans for any text. The analysis takes one as an
    argument: nothing is switched on for a whole process."""

    def __init__(self, nlp: object) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls, model: Path = MODEL) -> OutcomeTagger:
        """The tagger at ``model`` (loaded once per process and path: ~1 s; the model is only read)."""
        return cls(_load(Path(model)))

    def tag(self, text: str) -> list[tuple[int, int]]:
        """Character spans the tagger reads as outcome mentions."""
        spans: list[tuple[int, int]] = []
        for start, end in chunks(text):
            spans.extend((start + e.start_char, start + e.end_char) for e in self.nlp(text[start:end]).ents)
        return spans


@lru_cache(maxsize=4)
def _load(model: Path) -> object:
    if not (model / "config.cfg").is_file():
        raise FileNotFoundError(f"no outcome tagger at {model} (build it with scripts/train_outcome_tagger.py)")
    import spacy  # only a process that uses the tagger pays for loading it

    return spacy.load(model)


def chunks(text: str) -> list[tuple[int, int]]:
    """Pieces of at most _CHUNK characters, each cut at the last line break, sentence end or space."""
    pieces = []
    start = 0
    while len(text) - start > _CHUNK:
        window_end = start + _CHUNK
        cut = max(text.rfind("\n", start, window_end), text.rfind(". ", start, window_end) + 1, text.rfind(" ", start, window_end))
        cut = cut if cut > start else window_end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces
