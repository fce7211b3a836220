"""News and press releases saved as text: datelines, 'Published' lines, furniture, back matter,
organisations as bylines, and a note when the reader is unsure what a text is."""

from __future__ import annotations

import pytest

from extractor.readers import read_bytes
from extractor.records import BACK_MATTER, DocumentKind, PartialDate

_STORY = ("Researchers followed 1,200 adults for ten years and found that those who walked daily had "
          "fewer heart attacks than those who did not.")
_MORE = "The study was published in a cardiology journal and was paid for by a national research fund."


def _doc(text: str, name: str = "story.txt"):
    doc, = read_bytes(text.encode(), name)
    return doc


@pytest.mark.parametrize("opening, date, publisher", [
    ("TUESDAY, Nov. 23, 2010 (HealthDay News) -- ", PartialDate(2010, 11, 23), "HealthDay News"),
    ("LONDON (Reuters) - ", None, "Reuters"),
    ("NEW YORK (Reuters Health) - ", None, "Reuters Health"),
    ("PORTLAND, Ore. -- ", None, None),
    ("Baltimore, Md. (Embargoed until 12:30 p.m., June 8, 2015) - ", PartialDate(2015, 6, 8), None),
    ("(CNN) ", None, "CNN"),
    ("Jan. 13, 2010 - ", PartialDate(2010, 1, 13), None),
])
def test_datelines_of_wires_broadcasters_and_health_news(opening, date, publisher):
    doc = _doc(f"Walking cuts heart attacks, study finds\n\n{opening}{_STORY}\n\n{_MORE}\n")
    assert doc.kind is DocumentKind.NEWS and doc.reader == "news-text"
    assert doc.title == "Walking cuts heart attacks, study finds"
    assert doc.date == date and doc.publisher == publisher
    body = [doc.text[s.start:s.end] for s in doc.sections if s.kind == "body"]
    assert body[0] == _STORY  # the dateline is not story text
    assert doc.kind_note is None


def test_published_line_is_the_date_never_the_headline():
    doc = _doc(f"Walking cuts heart attacks\n\nPublished June 22, 2010\n\nBy Ann Lee\n\nCNN Medical Producer\n\n{_STORY}\n")
    assert doc.title == "Walking cuts heart attacks"
    assert doc.date == PartialDate(2010, 6, 22)
    assert [a.name for a in doc.authors] == ["Ann Lee"]
    assert "Producer" not in doc.text


def test_furniture_is_dropped_without_cutting_the_story():
    text = (f"Walking cuts heart attacks\n\nEn Español\n\nBy Ann Lee\n\nHealthDay Reporter\n\n"
            f"MONDAY, April 2, 2012 (HealthDay News) -- {_STORY}\n\nAdvertisement\n\n"
            "A photo of people walking in a park on a sunny day in spring. REUTERS/Jane Doe\n\n"
            f"Read more: Other walking news\n\n{_MORE}\n\nMore information\n\nVisit the heart association.\n")
    doc = _doc(text)
    assert doc.title == "Walking cuts heart attacks" and doc.date == PartialDate(2012, 4, 2)
    assert _MORE in doc.text  # the story goes on after the furniture lines
    for furniture in ("En Español", "Advertisement", "REUTERS/Jane Doe", "Read more", "Visit the heart association"):
        assert furniture not in doc.text


def test_press_release_back_matter_is_kept_apart():
    text = (f"Walking cuts heart attacks\n\nPublished March 29, 2017\n\nPHILADELPHIA -- {_STORY}\n\n{_MORE}\n\n###\n\n"
            "The work was funded by the Walking Foundation.\n\nAbout Lakeside University\n\n"
            "Lakeside University has 23,000 students and 4,000 staff across three campuses.\n\n"
            "CONTACT: Ann Lee, 555-0100\n")
    doc = _doc(text)
    assert doc.kind is DocumentKind.NEWS and doc.date == PartialDate(2017, 3, 29)
    back = [doc.text[s.start:s.end] for s in doc.sections if s.kind == BACK_MATTER]
    assert "The work was funded by the Walking Foundation." in back
    assert any("23,000 students" in line for line in back)  # kept, in sections that give no findings


def test_an_organisation_byline_is_an_organisation():
    doc = _doc(f"Walking cuts heart attacks\n\nBy Reuters Staff\n\nLONDON (Reuters) - {_STORY}\n")
    author, = doc.authors
    assert author.organization and author.name == "Reuters" and author.family_name is None  # "Staff" is its role


def test_a_line_about_half_the_people_is_story_not_boilerplate():
    doc = _doc(f"Walking cuts heart attacks\n\nLONDON (Reuters) - {_STORY}\n\n"
               "About half of the participants walked for more than an hour a day.\n\nContact with the clinic was weekly.\n")
    assert "About half of the participants" in doc.text and "Contact with the clinic" in doc.text
    assert not any(s.kind == BACK_MATTER for s in doc.sections)


def test_unsure_readers_say_so():
    weak = _doc(f"Walking cuts heart attacks\n\nBy Ann Lee\n\n{_STORY}\n\n{_MORE}\n")
    assert weak.kind is DocumentKind.NEWS and "weak signs" in weak.kind_note
    plain = _doc(f"Notes on walking\n\n{_STORY}\n\n{_MORE}\n", "notes.txt")
    assert plain.kind is DocumentKind.TEXT and "not recognised" in plain.kind_note
