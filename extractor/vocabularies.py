"""Curated vocabularies shipped in ``ontology/vocab/``: loaded once, checked on load."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from .errors import LitkgError
from .records import Journal


def ontology_file(*parts: str) -> Traversable:
    """A file of ``ontology/``: installed as ``extractor.ontology``, or beside the package in a source checkout."""
    try:
        base: Traversable = resources.files("extractor.ontology")
    except ModuleNotFoundError:
        base = Path(__file__).resolve().parent.parent / "ontology"
    return base.joinpath(*parts)


def read_table(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of a shipped TSV whose header must be exactly ``columns`` (lines starting '#' are comments)."""
    text = ontology_file("vocab", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = tuple(lines[0].split("\t"))
    if header != columns:
        raise LitkgError(f"vocabulary {name}: columns {header} differ from the expected {columns}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise LitkgError(f"vocabulary {name}: row {number} has {len(cells)} cells, expected {len(columns)}")
        rows.append(dict(zip(columns, (cell.strip() for cell in cells))))
    return tuple(rows)


WORD_LISTS = {  # every list word_lists.tsv may hold: what it is for
    "outcome filler words": "words of an outcome's name that do not say what is measured (\"incidence\", \"change\", \"participants\")",
    "baseline table words": "words of a table's caption that make it a table of who was enrolled, not of results",
    "not name adjectives": "adjectives before a condition or intervention that are not part of its name",
    "not eponyms": "capitalised words before a condition that are not an eponym (\"Patients\", \"Women\")",
    "condition endings": "word endings that make a word a condition by its form (\"-emia\", \"-itis\")",
    "condition heads": "head nouns of condition names (\"cancer\", \"disease\", \"syndrome\")",
    "not conditions": "words that look like conditions by their form but are not (\"diagnosis\", \"toxic\")",
    "compound tails": "words that end a compound drug name (\"acid\", \"chloride\")",
    "not development codes": "code-like words that are not drug development codes (\"PMID\", \"ISSN\")",
    "everyday substance names": "MeSH substance names too common in ordinary text to mean the substance (\"lead\", \"water\")",
    "not given substances": "MeSH substance names of forms, not substances given (\"tablets\", \"salts\")",
    "generic conditions": "MeSH condition names too general to name a condition studied (\"syndrome\", \"pain\")",
    "general disease headings": "MeSH disease headings that name a family, not one disease",
    "structure classes": "MeSH substance classes named by structure, matched as drugs",
    "primary outcome headings": "abstract headings whose part lists the study's primary outcomes (\"main outcome measures\")",
    "not outcome words": "words an outcome phrase cannot consist of alone (\"patients\", \"study\")",
    "not first outcome words": "words an outcome phrase cannot start with (\"achieved\", \"similar\")",
    "not trial names": "capitalised words before \"trial\" that are not a trial's name (\"COVID\", \"FDA\")",
    "name particles": "particles of family names (\"van\", \"de\")",
    "not arm names": "phrases an arm pattern can catch that name no arm (\"each other\", \"baseline\")",
    "arm phrase stops": "words that end an arm's name when they follow it, or start it when they precede (\"in\", \"for\")",
    "context cues": "words that make a news sentence context, not the study's findings: burden figures, an institution's boilerplate, advice (\"each year\", \"is dedicated to\")",
    "other work cues": "words that make a news sentence about earlier work, not the study reported (\"previous studies\")",
}


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    return parse_word_lists(read_table("word_lists.tsv", ("list", "entry")))


def parse_word_lists(rows: Iterable[dict[str, str]]) -> dict[str, tuple[str, ...]]:
    """Rows of word_lists.tsv -> list name -> entries; an unknown list or an entry listed twice fails."""
    found: dict[str, list[str]] = {name: [] for name in WORD_LISTS}
    for number, row in enumerate(rows, start=1):
        entries = found.get(row["list"])
        if entries is None:
            raise LitkgError(f"vocabulary word_lists.tsv: entry {number} is in an unknown list {row['list']!r}")
        if row["entry"] in entries:
            raise LitkgError(f"vocabulary word_lists.tsv: {row['entry']!r} is listed twice in {row['list']!r}")
        entries.append(row["entry"])
    return {name: tuple(entries) for name, entries in found.items()}


def word_list(name: str) -> tuple[str, ...]:
    """The entries of one shipped word list, in file order (``WORD_LISTS`` says what each is for)."""
    if name not in WORD_LISTS:
        raise LitkgError(f"no word list {name!r}: known lists are {sorted(WORD_LISTS)}")
    return _word_lists()[name]


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


_PUNCT = re.compile(r"[.,:]")
_SPACE = re.compile(r"\s+")


def journal_key(name: str) -> str:
    """Key under which spellings of one journal name meet: "N. Engl. J. Med." == "n engl j med"."""
    key = _SPACE.sub(" ", _PUNCT.sub(" ", name.replace("&", " and ").lower())).strip()
    return key.removeprefix("the ")


@dataclass(frozen=True, slots=True)
class JournalIndex:
    """Journal names, abbreviations and aliases -> one :class:`Journal`."""

    by_key: dict[str, Journal]

    def lookup(self, name: str) -> Journal | None:
        return self.by_key.get(journal_key(name))

    def match_at_start(self, text: str, max_words: int = 12) -> tuple[Journal, int] | None:
        """The journal whose name is the longest word-prefix of ``text``, with that prefix's length in chars."""
        words = list(re.finditer(r"[^\s,;()]+", text[:300]))[:max_words]
        for count in range(len(words), 0, -1):
            end = words[count - 1].end()
            journal = self.by_key.get(journal_key(text[:end]))
            if journal is not None:
                return journal, end
        return None


@lru_cache(maxsize=1)
def journals() -> JournalIndex:
    columns = ("name", "abbreviation", "issn", "aliases")
    by_key: dict[str, Journal] = {}
    # curated rows first so they win; MEDLINE-derived rows only fill the gaps
    for table in ("journals_curated.tsv", "journals.tsv"):
        for row in read_table(table, columns):
            journal = Journal(row["name"] or None, row["abbreviation"] or None, row["issn"] or None)
            for spelling in (row["name"], row["abbreviation"], *split_list(row["aliases"])):
                if spelling:
                    by_key.setdefault(journal_key(spelling), journal)
    return JournalIndex(by_key)


@lru_cache(maxsize=1)
def mesh_codes() -> dict[str, str]:
    """MeSH name (lower case) -> unique ID, from ontology/vocab/mesh.tsv (built from MEDLINE records)."""
    codes: dict[str, str] = {}
    for row in read_table("mesh.tsv", ("name", "code", "kind")):
        codes.setdefault(row["name"].lower(), row["code"])
    return codes


def mesh_code(name: str) -> str | None:
    return mesh_codes().get(" ".join(name.split()).lower())
