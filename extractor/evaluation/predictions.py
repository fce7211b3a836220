"""What litkg says about one text, as spans into that text, whichever route it came by.

The direct route (a diagnostic) makes it from the NLP's records; the user's route reads it back from
the graph (``user_path``). Both give the spans the graph builder writes as provenance, so the two
routes are scored by the same code and differ only by what is lost or changed between file and graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..nlp.allocation import ALLOCATED
from ..records import EntityLabel, Extraction

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ResultSpans:
    """One result: the words that state its value, and those naming its endpoint and time frame."""

    value: Span
    statistic: str
    endpoint: Span | None = None
    time_frame: Span | None = None
    allocated: bool = False  # an allocation count ("98 patients were randomly assigned"), not a finding


@dataclass(frozen=True, slots=True)
class Predicted:
    drugs: tuple[Span, ...] = ()
    therapies: tuple[Span, ...] = ()
    conditions: tuple[Span, ...] = ()
    outcomes: tuple[Span, ...] = ()  # every span that names an endpoint: outcome phrases and result endpoint words
    population: tuple[Span, ...] = ()  # the enrolled population's description and its conditions
    results: tuple[ResultSpans, ...] = ()
    registrations: frozenset[tuple[str, str]] = frozenset()  # (identifier, registry)
    subjects: tuple[Span, ...] = ()  # what the study gave or compared: its subjects' words and its arms' words

    def mapped(self, move: Callable[[Span], Span | None]) -> Predicted:
        """The same predictions with every span moved by ``move`` (spans it cannot place are dropped)."""

        def spans(items: tuple[Span, ...]) -> tuple[Span, ...]:
            return tuple(m for m in map(move, items) if m is not None)

        results = []
        for r in self.results:
            value = move(r.value)
            if value is not None:
                results.append(ResultSpans(value, r.statistic, r.endpoint and move(r.endpoint),
                                           r.time_frame and move(r.time_frame), r.allocated))
        return Predicted(spans(self.drugs), spans(self.therapies), spans(self.conditions), spans(self.outcomes),
                         spans(self.population), tuple(results), self.registrations, spans(self.subjects))

    def first_finding(self) -> int | None:
        """Where the first result that is not an allocation count starts."""
        return min((r.value[0] for r in self.results if not r.allocated), default=None)


def from_extraction(x: Extraction) -> Predicted:
    """The spans the graph builder writes for ``x`` (see ``graph.builder``), read off the records."""
    outcomes = [(e.start, e.end) for e in x.endpoints]
    results = []
    for r in x.results:
        frame = r.time_frame
        time_frame = (frame.start, frame.end) if frame and frame.start is not None and frame.end is not None else None
        results.append(ResultSpans((r.start, r.end), r.statistic, r.endpoint_span(), time_frame, r.endpoint == ALLOCATED))
        if r.endpoint:
            outcomes.append(r.endpoint_source())  # the builder's provenance of the result's endpoint
    population: list[Span] = []
    if x.enrollments or x.population_phrases:  # the builder's Population: its words, and the conditions they name
        words = ([x.enrollments[0].described()] if x.enrollments else []) + list(x.population_phrases)
        population = words + [(m.start, m.end) for m in x.population_conditions
                              if any(a <= m.start and m.end <= b for a, b in words)]
    chosen = {m.concept for m in x.study_subjects} | {m.concept for arm in x.arms for m in arm.subjects}
    subjects = [(m.start, m.end) for m in x.mentions if m.concept in chosen and m.label != EntityLabel.CONDITION]
    subjects += [(arm.start, arm.end) for arm in x.arms]
    return Predicted(
        drugs=tuple((m.start, m.end) for m in x.mentions if m.label == EntityLabel.DRUG),
        therapies=tuple(dict.fromkeys([(m.start, m.end) for m in x.mentions if m.label == EntityLabel.THERAPY]
                                      + ([(a.start, a.end) for a in x.arms if not a.subjects] if x.reports_study else []))),
        conditions=tuple(dict.fromkeys([(m.start, m.end) for m in x.mentions if m.label == EntityLabel.CONDITION]
                                       + [(m.start, m.end) for m in x.population_conditions])),
        outcomes=tuple(dict.fromkeys(outcomes)),
        population=tuple(dict.fromkeys(population)),
        results=tuple(results),
        registrations=frozenset((r.identifier, r.registry) for r in x.registrations),
        subjects=tuple(dict.fromkeys(subjects)) if x.reports_study else (),
    )
