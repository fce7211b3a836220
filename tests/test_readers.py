"""Reader pieces: page fields, author lists, affiliations, news bylines, dates, decoding."""

from __future__ import annotations

import pytest

from extractor.errors import InputError, UnsupportedFormat
from extractor.readers.citations import page_range
from extractor.readers.dates import parse_date
from extractor.readers.decoding import decode
from extractor.readers.news_text import byline_names
from extractor.readers.people import affiliations_by_initials, initials, person, split_author_list
from extractor.readers.sections import find_sections, heading_kind, split_glued_sections
from extractor.records import PartialDate


@pytest.mark.parametrize("pages, expected", [
    ("146714801467-1480", ("1467", "1480")), ("1467-80", ("1467", "1480")), ("e0123", ("e0123", None)),
    ("S12-S19", ("S12", "S19")), ("221-9.", ("221", "229")), ("1010-1", ("1010", "1011")),
])
def test_page_fields(pages, expected):
    assert page_range(pages) == expected


def test_author_list_and_initials():
    assert split_author_list("Ann B Lee, Jae-Hoon Kim, and Ludwig van Beethoven.") == ("Ann B Lee", "Jae-Hoon Kim", "Ludwig van Beethoven")
    assert initials("Ann B Lee") == "A.B.L." and initials("Jae-Hoon Kim") == "J.-H.K."
    assert person("Ludwig van Beethoven").family_name == "van Beethoven"


def test_nejm_affiliations_map_institutions_to_initials():
    text = ("From the Department of Medicine (A.B.L., C.D.), the Institute of Cardiology (C.D.), City University, "
            "Boston, and the School of Public Health, Harbor College, Portland (E.F.G.) - all in the United States.")
    found = affiliations_by_initials(text)
    # NEJM convention: a qualifier after a group ("City University, Boston") applies to every
    # institution named since the previous qualifier
    assert found["A.B.L."] == ("Department of Medicine, City University, Boston",)
    assert found["C.D."] == ("Department of Medicine, City University, Boston", "Institute of Cardiology, City University, Boston")
    assert found["E.F.G."] == ("School of Public Health, Harbor College, Portland",)


def test_glued_section_headings():
    parts = split_glued_sections("BackgroundIt is unclear.MethodsWe did it.ResultsIt worked (P=0.01).ConclusionsGood.")
    assert parts == [("Background", "It is unclear."), ("Methods", "We did it."), ("Results", "It worked (P=0.01)."),
                     ("Conclusions", "Good.")]
    assert split_glued_sections("The results were good. Methods used were simple.") == [
        (None, "The results were good. Methods used were simple.")]


def test_bylines():
    assert byline_names("Elana Gotkine HealthDay Reporter") == (["Elana Gotkine"], "HealthDay")
    assert byline_names("Jane Doe and John Roe") == (["Jane Doe", "John Roe"], None)


@pytest.mark.parametrize("text, expected", [
    ("2024 Apr 25", PartialDate(2024, 4, 25)), ("THURSDAY, April 25, 2024 --", PartialDate(2024, 4, 25)),
    ("25 April 2024", PartialDate(2024, 4, 25)), ("Apr 2024", PartialDate(2024, 4)), ("2024 Feb 30", None),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_decoding():
    assert decode("Zürich".encode("utf-8")) == ("Zürich", "utf-8")
    assert decode("Zürich".encode("latin-1")) == ("Zürich", "windows-1252")
    assert decode("\ufeffZürich".encode("utf-8"))[0] == "Zürich"
    assert decode("Zürich".encode("utf-16"))[0] == "Zürich"
    with pytest.raises(UnsupportedFormat, match="PDF"):
        decode(b"%PDF-1.4 ...")
    with pytest.raises(InputError, match="empty"):
        decode(b"")
    with pytest.raises(InputError, match="binary"):
        decode(b"abc\x00\x01\x02def")


def test_sections_found_with_their_offsets_in_the_text():
    text = ("A trial title.\n\nBACKGROUND : Why.\nMEASUREMENTS AND MAIN RESULTS : Blood pressure fell.\n"
            "CONCLUSION/INTERPRETATIONS : It works.")
    sections = find_sections(text)
    assert [(s.kind, s.heading, text[s.start:s.end]) for s in sections] == [
        ("abstract", None, "A trial title."), ("background", "BACKGROUND", "Why."),
        ("results", "MEASUREMENTS AND MAIN RESULTS", "Blood pressure fell."),
        ("conclusions", "CONCLUSION/INTERPRETATIONS", "It works.")]
    assert find_sections("No headings here. Results were good.") == ()
    assert heading_kind("Results of the trial were good") == "abstract"  # words name a kind only in a short upper-case label
