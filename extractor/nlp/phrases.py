"""Lexicon matching over raw text: a token trie, longest match, hyphen/space/plural tolerant.

"T-cell" and "T cell" meet, "tumors" meets "tumor", and a parenthesised abbreviation inside a
phrase ("chimeric antigen receptor (CAR) T-cell therapy") is skipped. Cost is a few dictionary
look-ups per token, independent of lexicon size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")


@lru_cache(maxsize=200_000)
def norm_token(token: str) -> str:
    token = token.lower().replace("’", "'")
    if len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    return token


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(norm_token(token) for token in _TOKEN.findall(phrase))


@dataclass(slots=True, eq=False)  # not frozen: made ~300 times per record, and frozen init costs 3x
class Token:
    start: int
    end: int
    key: str
    in_parens: bool  # the whole token is a parenthesised abbreviation: "(CAR)"


def tokenize(text: str) -> tuple[Token, ...]:
    """The text's word tokens (the analysis makes them once per document and passes them on)."""
    size = len(text)
    return tuple([Token(start, end, norm_token(match.group()), 0 < start and end < size and text[start - 1] == "(" and text[end] == ")")
                  for match in _TOKEN.finditer(text) for start, end in (match.span(),)])


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int  # character offsets
    end: int
    first_token: int  # token indices, end exclusive
    last_token: int
    value: object  # what the lexicon maps the phrase to


class PhraseIndex:
    """Maps phrases to values; finds the longest non-overlapping matches in a token list."""

    def __init__(self) -> None:
        self._trie: dict = {}
        self.size = 0

    def add(self, phrase: str, value: object) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        node = self._trie
        for part in key:
            node = node.setdefault(part, {})
        if "\0" not in node:
            self.size += 1
            node["\0"] = value

    def find(self, tokens: Sequence[Token], text: str) -> list[PhraseMatch]:
        matches: list[PhraseMatch] = []
        trie = self._trie
        after = 0  # matches do not overlap: the next one starts at or after this token
        for i in [i for i, token in enumerate(tokens) if token.key in trie]:  # where a phrase can start
            if i < after:
                continue
            best = self._longest_at(tokens, text, i)
            if best is not None:
                matches.append(best)
                after = best.last_token
        return matches

    def _longest_at(self, tokens: Sequence[Token], text: str, i: int) -> PhraseMatch | None:
        node = self._trie.get(tokens[i].key)
        j = i + 1
        best = None
        while node is not None:
            if "\0" in node:
                best = PhraseMatch(tokens[i].start, tokens[j - 1].end, i, j, node["\0"])
            if j >= len(tokens) or not _adjacent(text, tokens[j - 1], tokens[j]):
                break
            nxt = node.get(tokens[j].key)
            if nxt is None and tokens[j].in_parens and j + 1 < len(tokens):
                nxt = node.get(tokens[j + 1].key)  # skip "(CAR)" inside a phrase
                if nxt is not None:
                    j += 1
            node = nxt
            j += 1
        return best


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Tokens of one phrase are separated only by spaces, hyphens, slashes or an abbreviation's parentheses."""
    gap = text[left.end:right.start]
    return len(gap) <= 3 and all(ch in " -‐‑–/()\u00a0" for ch in gap)
