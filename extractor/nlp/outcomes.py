"""Outcome phrases: what a study measured, wherever the text names it.

Sources, merged longest-first: the shipped endpoint vocabulary ("overall survival", "HbA1c");
phrases introduced by a measurement word ("the incidence of ...", "improvement in ...", "the
primary end point was ..."), by a verb of assessing ("we assessed ...") or of change ("sitagliptin
reduced ..."); what is said of a treatment that stands for an outcome ("was well tolerated" ->
tolerability); conditions named as events in result sentences ("... had deep venous thrombosis");
then every other place the document names one of these again, or by the abbreviation it defines.
A phrase ends at punctuation or at a word that starts a new constituent ("was", "in the",
"compared", ...); a treatment's own name is no outcome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..vocabularies import word_list
from .abbreviations import defined_long_forms
from .endpoint_slots import PRONOUNS
from .endpoints import endpoint_index, normalise_endpoint, vocabulary_concept
from .guarded import guarded
from .phrases import Token, tokenize
from .spans import Disjoint, Intervals


@dataclass(frozen=True, slots=True)
class OutcomePhrase:
    start: int
    end: int
    endpoint: str  # normalised concept name (vocabulary name or cleaned text)
    primary: bool = False
    declared: bool = False  # named by "the primary/secondary end point was ..."


_MEASURE_HEADS = (r"(?:incidence|rates?|risk|proportions?|numbers?|frequency|percentages?|prevalence|duration|severity|"
                  r"levels?|concentrations?|scores?|times?|occurrence|development|onset|amount|degree|magnitude|"
                  r"length|quality|mean|median|total|cumulative\s+incidence)")
_CHANGE_HEADS = r"(?:improvements?|reductions?|increases?|decreases?|changes?|differences?|declines?|gains?|loss)"
# "we assessed X"
_ASSESSED = guarded(r"\b(?:measured|assessed|evaluated|recorded|monitored|compared|determined|examined)\s+(?!with\b|to\b|"
                    r"in\b|between\b|by\b|at\b|for\b|as\b|using\b)(?:the\s+)?(?P<x>[a-z])", re.IGNORECASE)
_INTRODUCERS = (
    # "the incidence of X", "rates of death from X"
    guarded(rf"\b(?P<head>{_MEASURE_HEADS})\s+of\s+(?P<x>[a-z])", re.IGNORECASE),
    # "improvement in X"
    guarded(rf"\b{_CHANGE_HEADS}\s+(?:in|of)\s+(?P<x>[a-zA-Z])", re.IGNORECASE),
    # "primary end point was X", "outcomes included X", "outcome measures were X"
    guarded(r"\b(?P<kind>primary|secondary|main|principal|co-primary)\s*(?:efficacy\s+)?(?:end\s*-?\s*points?|outcomes?"
               r"(?:\s+measures?)?|efficacy\s+variables?)\s*(?:was|were|included|is|are|:|comprised|consisted\s+of)\s+"
               r"(?:the\s+|a\s+|an\s+)?(?:(?:mean\s+|absolute\s+|relative\s+|percent(?:age)?\s+)?changes?\s+"
               r"(?:from\s+(?:baseline|pre-?treatment)\s+)?(?:(?:to|at)\s+(?:(?:week|month|day)\s+\d+|post-?treatment)\s+)?"
               r"(?:in|of)\s+)?(?P<x>[a-zA-Z])", re.IGNORECASE),
    _ASSESSED,
    # what a treatment changed: "sitagliptin reduced glucose excursions", "while improving lung function"
    guarded(r"\b(?:reduc|increas|improv|decreas|lower|prevent|slow|attenuat|enhanc|worsen|normali[sz]|restor|maintain|"
            r"achiev|inhibit|suppress|delay|modulat|affect)(?:ed|es|ing|s)\s+(?!by\b|from\b|to\b|in\b|with\b|at\b|than\b|"
            r"over\b|after\b|during\b|among\b|for\b|and\b|or\b|doses?\b|significantly\b|compared\b|the\s+dose\b|\d)"
            r"(?:the\s+|their\s+|its\s+)?(?P<x>[a-z])", re.IGNORECASE),
)
# what is said of a treatment that stands for an outcome: "was generally safe and well tolerated"
_PREDICATE_OUTCOMES = {"tolerated": "tolerability", "well tolerated": "tolerability", "well-tolerated": "tolerability",
                       "safe": "safety", "efficacious": "efficacy"}
_PREDICATE = re.compile(r"\b(?:(?:well[- ])?tolerated|safe|efficacious)\b(?!\s+dose|\s+to\b)", re.IGNORECASE)
_COPULA_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|remained|appeared|seemed|proved)\s+(?:[\w-]+\s+){0,5}$", re.IGNORECASE)
_STOP_WORDS = re.compile(
    r"\s+(?:was|were|is|are|had|has|have|did|does|in\s+(?:the|a|an|both|all|each|patients|children|subjects|participants|"
    r"women|men|\d)|among|at|between|compared|versus|vs\.?|with(?:in)?|after|during|from\s+baseline|by|for|than|to|"
    r"using|on|over|when|which|that|who|where|while|but|and\s+(?:the|a|in|at|was|were)|or\s+(?:the|a)|as|per|"
    r"\d)\b|\s*[,;:.()\[\]=]|\s+(?:and|or)\s+(?=[a-z-]+\s+(?:was|were|is|are)\b)",
    re.IGNORECASE,
)
_MAX_WORDS = 9
_LEADING = re.compile(r"^(?:the|a|an|any|all|their|its|his|her|overall|significant(?:ly)?|mean|median)\s+", re.IGNORECASE)
_NOT_OUTCOMES = frozenset(word_list("not outcome words"))

# words that cannot begin an outcome phrase: what was said of it ("the primary end point was achieved
# by 4", "numerically greater"), the end of a list ("MAP and toe temperature, respectively", "symptoms,
# as measured by", "... and was terminated") or a new clause ("HiSCR90, whereas 10% ...")
_NOT_FIRST = frozenset(word_list("not first outcome words"))

# concepts that name a period: after a preposition they say when ("during follow-up", "at 1 year of
# follow-up"), not what was measured ("the median follow-up was 24 months")
_PERIODS = {"follow-up"}
_SAYS_WHEN = re.compile(r"\b(?:during|at|after|on|throughout|over|in|until|by|of|through|within|before)\s+"
                        r"(?:(?:the|a|an|their|its|this|that|median|mean|long-term|longer|short-term|extended|further|"
                        r"final|last|end\s+of)\s+)*$", re.IGNORECASE)


def find_outcomes(text: str, conditions: list[tuple[int, int]] = (), result_sentences: list[tuple[int, int]] = (),
                  treatments: list[tuple[int, int]] = (), tokens: Sequence[Token] | None = None) -> list[OutcomePhrase]:
    """Outcome phrases in ``text``; ``conditions`` (spans) become outcomes inside ``result_sentences``;
    a phrase that is only a treatment's name (``treatments``: drug and therapy spans) is none; an
    outcome named once is one wherever the document names it again, also by its abbreviation."""
    candidates: list[OutcomePhrase] = []
    given, in_results = Intervals(treatments), Intervals(result_sentences)
    defined = defined_long_forms(text)
    for match in endpoint_index().find(tokenize(text) if tokens is None else tokens, text):
        concept = _local_sense(defined.get(text[match.start:match.end]), str(match.value))
        if concept in _PERIODS and _SAYS_WHEN.search(text, max(0, match.start - 60), match.start):
            continue
        if concept is not None:
            candidates.append(OutcomePhrase(match.start, match.end, concept))
    for pattern in _INTRODUCERS:
        for match in pattern.finditer(text):
            declared = bool(match.groupdict().get("kind"))
            primary = declared and match.group("kind").lower() in ("primary", "main", "principal", "co-primary")
            start = match.start("head") if match.groupdict().get("head") else match.start("x")
            for phrase in _phrases_from(text, start, match.start("x")):
                if pattern is _ASSESSED and given.holds(phrase[0]):
                    continue  # "we compared suture with ...", "evaluated alirocumab 150 mg Q4W": what was given
                candidates.append(OutcomePhrase(phrase[0], phrase[1], normalise_endpoint(text[phrase[0]:phrase[1]]) or "",
                                                primary, declared))
    lowered = text.lower()
    # the pattern runs only when one of its words is in the text
    for match in _PREDICATE.finditer(text) if any(word in lowered for word in _PREDICATE_OUTCOMES) else ():
        if _COPULA_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            candidates.append(OutcomePhrase(match.start(), match.end(), _PREDICATE_OUTCOMES[match.group().lower()]))
    for start, end in conditions:
        if in_results.holds(start) and _is_event(text, start, end):
            candidates.append(OutcomePhrase(start, end, normalise_endpoint(text[start:end]) or ""))
    chosen = _longest_first(_not_treatments(candidates, treatments), [])
    named_again = _not_treatments(_named_again(text, lowered, chosen, defined), treatments)
    return sorted(_longest_first(named_again, chosen), key=lambda p: p.start)


def _not_treatments(phrases: list[OutcomePhrase], treatments: list[tuple[int, int]]) -> list[OutcomePhrase]:
    given = Intervals(treatments)
    return [p for p in phrases if not given.contains(p.start, p.end)]


def _longest_first(candidates: list[OutcomePhrase], chosen: list[OutcomePhrase]) -> list[OutcomePhrase]:
    """``chosen`` and the candidates that overlap neither it nor a longer candidate."""
    chosen = list(chosen)
    taken = Disjoint((p.start, p.end) for p in chosen)
    # of two candidates on the same words, the one a "primary/secondary outcome was ..." rule found keeps its role
    dropped = []
    for phrase in sorted(candidates, key=lambda p: (-(p.end - p.start), p.start, not p.primary, not p.declared)):
        if phrase.endpoint and not taken.overlaps(phrase.start, phrase.end):
            chosen.append(phrase)
            taken.add(phrase.start, phrase.end)
        elif phrase.declared:
            dropped.append(phrase)
    # a longer phrase that holds a declared one ("overall response rate" over "the primary end point was
    # [overall] response rate") is what was declared
    for phrase in dropped:
        for i, holder in enumerate(chosen):
            if not holder.declared and holder.start <= phrase.start and phrase.end <= holder.end:
                chosen[i] = replace(holder, primary=phrase.primary, declared=True)
    return chosen


_MIN_NAME = 4  # shorter names are looked for again only when they are abbreviations ("TST", "HR")
_WORD_CHAR = re.compile(r"[\w-]")


def _named_again(text: str, lowered: str, phrases: list[OutcomePhrase], defined: dict[str, str]) -> list[OutcomePhrase]:
    """Each other place the document names an outcome phrase's words ("total sleep time ... TST
    increased"), or the abbreviation it defines for them, or the long form of an abbreviation
    found as an outcome; found case-insensitively unless the name has capitals after its first letter."""
    names: dict[str, str] = {}
    for phrase in phrases:
        names.setdefault(text[phrase.start:phrase.end], phrase.endpoint)
    lowered_names = {name.lower(): concept for name, concept in names.items()}
    for short, long_form in defined.items():
        if long_form.lower() in lowered_names:
            names.setdefault(short, lowered_names[long_form.lower()])
        elif short in names:
            names.setdefault(long_form, names[short])
    found = []
    for name, concept in names.items():
        abbreviation = any(ch.isupper() for ch in name[1:])
        if (len(name) < _MIN_NAME and not abbreviation) or all(w in _NOT_OUTCOMES for w in name.lower().split()):
            continue
        haystack, needle = (text, name) if abbreviation else (lowered, name.lower())
        at = haystack.find(needle)
        while at >= 0:
            end = at + len(needle)
            if not (at and _WORD_CHAR.match(text, at - 1)) and not _WORD_CHAR.match(text, end):
                found.append(OutcomePhrase(at, end, concept))
            at = haystack.find(needle, at + 1)
    return found



def with_tagged_outcomes(text: str, phrases: list[OutcomePhrase], tagged: list[tuple[int, int]]) -> list[OutcomePhrase]:
    """The statistical tagger's outcome spans, each named by the vocabulary concept in its words
    and marked primary/declared where a rule phrase inside it was, and the rule phrases it does not
    overlap (keeping them measured better on the sets the tagger never saw: RCT-ART, EBM-NLP)."""
    merged = []
    for start, end in tagged:
        inside = [p for p in phrases if p.start < end and start < p.end]
        concept = normalise_endpoint(text[start:end])
        if concept:
            merged.append(OutcomePhrase(start, end, concept, any(p.primary for p in inside), any(p.declared for p in inside)))
    merged += [p for p in phrases if not any(s < p.end and p.start < e for s, e in tagged)]
    return sorted(merged, key=lambda p: p.start)


def _local_sense(long_form: str | None, concept: str) -> str | None:
    """The concept a vocabulary abbreviation names in this document: the vocabulary's, unless the
    document defines it otherwise ("bovine pericardium (BP)" is not blood pressure; "pain relief
    (PR)" is pain, not partial response); None when the local sense is no endpoint at all."""
    if long_form is None:
        return concept
    known = vocabulary_concept(long_form)
    local = known or normalise_endpoint(long_form) or ""
    if local in concept or concept in local:  # "Serious AEs (SAEs)"
        return concept
    return known


_EVENT_BEFORE = re.compile(r"\b(?:had|have|has|developed|experienced|suffered|presented\s+with|died\s+of|died\s+from|"
                           r"free\s+of|freedom\s+from|no|new|fewer|more|recurrent|incident)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_EVENT_AFTER = re.compile(r"\s+(?:occurred|developed|was\s+(?:observed|reported|seen|noted|diagnosed)|were\s+(?:observed|"
                          r"reported|seen|noted|diagnosed)|rates?\b|events?\b|incidence\b)", re.IGNORECASE)


def _is_event(text: str, start: int, end: int) -> bool:
    """A condition named as something that happened ("had deep venous thrombosis", "stroke occurred")."""
    return bool(_EVENT_BEFORE.search(text[max(0, start - 40):start]) or _EVENT_AFTER.match(text, end))


def _phrases_from(text: str, start: int, body: int) -> list[tuple[int, int]]:
    """The phrase starting at ``start`` whose first content word is at ``body``; a list "A, B, and C"
    right after an introducer like "outcomes were" gives one phrase per item."""
    phrases = []
    position = start
    for _ in range(6):
        end = _phrase_end(text, body)
        phrase = _trim(text, position, end)
        if phrase:
            phrases.append(phrase)
        more = re.match(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?(?=[a-zA-Z])", text[end:end + 12])
        if not more or start != body:
            break
        position = body = end + more.end()
        if _phrase_end(text, body) == body:
            break
    return phrases


def _phrase_end(text: str, body: int) -> int:
    window = text[body:body + 160]
    stop = _STOP_WORDS.search(window)
    end = body + (stop.start() if stop else len(window))
    words = list(re.finditer(r"\S+", text[body:end]))
    if len(words) > _MAX_WORDS:
        end = body + words[_MAX_WORDS - 1].end()
    return end


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    phrase = text[start:end]
    while True:
        leading = _LEADING.match(phrase)
        if not leading:
            break
        start += leading.end()
        phrase = phrase[leading.end():]
    phrase_stripped = phrase.rstrip(" -")
    end = start + len(phrase_stripped)
    words = phrase_stripped.lower().split()
    if (not words or all(word in _NOT_OUTCOMES for word in words) or len(phrase_stripped) < 3 or words[0] in PRONOUNS
            or words[0] in _NOT_FIRST):
        return None
    return start, end
