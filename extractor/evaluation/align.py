"""Where a document's stored text stands in the file it was read from.

Readers keep a file's words but not always its layout: lines are joined, headings lose their colon
("BACKGROUND:" -> "Background"), furniture lines are dropped, no-break hyphens become hyphens. The
two texts are aligned word by word (difflib's longest matching blocks over words folded to lower
case), and a span of the document text is placed in the file when its first and last words were
matched; anything else is reported as unplaced, never guessed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

Span = tuple[int, int]
_WORD = re.compile(r"\S+")
_FOLD = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " "})


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().translate(_FOLD).lower()) for m in _WORD.finditer(text)]


class Alignment:
    """Maps character offsets of ``document_text`` to offsets of ``file_text``."""

    def __init__(self, document_text: str, file_text: str) -> None:
        self._text = document_text
        self._doc = _words(document_text)
        file_words = _words(file_text)
        self._placed: dict[int, int] = {}  # document word index -> file word start, for words matched exactly
        if document_text == file_text:
            self._identity = True
            return
        self._identity = False
        matcher = SequenceMatcher(None, [w for _, _, w in self._doc], [w for _, _, w in file_words], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self._placed[block.a + k] = file_words[block.b + k][0]
        self._place_inside_words(file_text)
        self._starts = [start for start, _, _ in self._doc]

    def _place_inside_words(self, file_text: str) -> None:
        """A word left unmatched may stand inside a file word: a heading the reader split off
        ("ConclusionTocilizumab" -> "Conclusion", "Tocilizumab"). It is looked for between the file
        positions of the matched words around it."""
        folded = file_text.translate(_FOLD).lower()
        count = len(self._doc)
        bound = [len(file_text)] * (count + 1)  # where the next matched word stands in the file
        for index in range(count - 1, -1, -1):
            bound[index] = self._placed.get(index, bound[index + 1])
        position = 0
        for index, (start, end, word) in enumerate(self._doc):
            if index in self._placed:
                position = self._placed[index] + (end - start)
                continue
            found = folded.find(word, position, bound[index + 1])
            if found >= 0:
                self._placed[index] = found
                position = found + len(word)

    def span(self, start: int, end: int) -> Span | None:
        """The file span of the document span [start, end), or None when its ends cannot be placed."""
        if self._identity:
            return start, end
        words = self._text[start:end]
        inner_start, inner_end = start + len(words) - len(words.lstrip()), start + len(words.rstrip())
        first = self._word_at(inner_start)
        last = self._word_at(inner_end - 1)
        if first is None or last is None or first not in self._placed or last not in self._placed:
            return None
        file_start = self._placed[first] + (inner_start - self._doc[first][0])
        file_end = self._placed[last] + (inner_end - self._doc[last][0])
        return (file_start - (inner_start - start), file_end + (end - inner_end)) if file_start < file_end else None

    def _word_at(self, offset: int) -> int | None:
        """The index of the document word holding ``offset``."""
        lo, hi = 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        index = lo - 1
        if index < 0 or offset >= self._doc[index][1]:
            return None
        return index
