"""News pages saved as HTML: the story kept whole inside furniture-named wrappers, captions and link
lists left out, dates from every place pages put them, bylines in the story and in credit lines."""

from __future__ import annotations

import pytest

from extractor.readers import read_bytes
from extractor.readers.dates import best_date, parse_date
from extractor.records import PartialDate

_PARAGRAPHS = [
    "Researchers followed 1,200 adults for ten years and found that those who walked daily had fewer heart attacks.",
    "The study was published in a cardiology journal and was paid for by a national research fund, they said.",
    "People who walked at least 30 minutes a day had a 20% lower risk than people who rarely walked at all.",
]


def _page(body: str, head: str = "", wrapper: str = '<div class="article-body">') -> str:
    return (f"<html><head><title>Walking cuts heart attacks</title>{head}</head><body>{wrapper}"
            f"<h1>Walking cuts heart attacks</h1>{body}</div></body></html>")


def _read(html: str):
    doc, = read_bytes(html.encode(), "story.html")
    return doc


def _body(doc) -> list[str]:
    return [doc.text[s.start:s.end] for s in doc.sections if s.kind == "body"]


_STORY = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
_NEWS = '<meta property="og:type" content="article">'


@pytest.mark.parametrize("wrapper", ['<div class="ad-template-type--article">', '<div class="no-share post hentry">'])
def test_a_furniture_word_in_the_story_wrapper_does_not_drop_the_story(wrapper):
    related = '<div class="related-stories"><p>Another story about running and the heart, with many words in it.</p></div>'
    doc = _read(_page(_STORY + related, _NEWS, wrapper))
    assert _body(doc) == _PARAGRAPHS  # the wrapper stays; the related box inside it still goes
    assert doc.text_loss is None


def test_captions_pull_quotes_link_lists_and_credit_lines_are_not_the_story():
    extra = ('<figure><img src="a.jpg"><figcaption>Walkers in a park on a sunny morning in the city</figcaption></figure>'
             '<div class="pull-quote"><blockquote>Walking daily is the cheapest medicine we have found yet</blockquote></div>'
             '<ul><li><a href="/a">How to start walking when you have not exercised for years</a></li>'
             '<li>GUIDE: <a href="/b">What your heart rate tells you about fitness</a></li></ul>'
             '<p><a href="/c">Read our full coverage of the heart study here</a></p>'
             '<p><span class="sr-only">Image copyright</span>(Reporting by Jane Roe in London; Editing by John Doe)</p>')
    doc = _read(_page(_STORY + extra, _NEWS))
    assert _body(doc) == _PARAGRAPHS
    assert [a.name for a in doc.authors] == ["Jane Roe"]  # the credit line names the reporter


def test_a_byline_opening_the_first_paragraph_is_an_author_and_the_rest_is_story():
    doc = _read(_page(f"<p>By Aaron Humes : {_PARAGRAPHS[0]}</p>" + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS[1:]), _NEWS))
    assert [a.name for a in doc.authors] == ["Aaron Humes"]
    assert _body(doc) == _PARAGRAPHS


def test_an_organisation_byline_gives_way_to_the_reporter_credited():
    head = _NEWS + '<meta name="author" content="Reuters">'
    doc = _read(_page(_STORY + "<p><em>(Reporting by Will Dunham; Editing by Tom Brown)</em></p>", head))
    assert [(a.name, a.organization) for a in doc.authors] == [("Will Dunham", False), ("Reuters", True)]


def test_degrees_after_a_name_stay_with_the_person():
    doc = _read(_page(_STORY, _NEWS + '<meta name="author" content="Jane Roe, MA, RD and John Doe, MD">'))
    assert [a.name for a in doc.authors] == ["Jane Roe", "John Doe"]


@pytest.mark.parametrize("head, body, date", [
    # Java's Date.toString in a <meta value=...>
    ('<meta name="article:published_time" value="Mon Aug 03 12:45:00 EDT 2015">', "", PartialDate(2015, 8, 3)),
    # the same instant in UTC and local time: the local date is the one the page shows
    (('<meta property="article:published_time" content="2022-04-22T04:11:44+00:00">'
      '<meta property="article:published_time" content="2022-04-21T22:11:44-06:00">'), "", PartialDate(2022, 4, 21)),
    # a visible "Posted:" line above the story
    ("", "<p>Posted: Thursday, April 21, 2022. 10:11 pm CST.</p>", PartialDate(2022, 4, 21)),
    # an element named for a date, when no machine-readable date is given
    ("", '<span class="buzz_datetime">posted on April 21, 2015, at 11:29 a.m.</span>', PartialDate(2015, 4, 21)),
    ("", '<div class="author-name-date"><span>19 NOV 2019</span></div>', PartialDate(2019, 11, 19)),
])
def test_dates_from_every_place_pages_put_them(head, body, date):
    assert _read(_page(body + _STORY, _NEWS + head)).date == date


@pytest.mark.parametrize("values, date", [
    (["2020/01/01", "2020-03-27"], PartialDate(2020, 3, 27)),  # a January 1 placeholder beside the real day
    (["2015", "2015-08-03"], PartialDate(2015, 8, 3)),  # refined by a later, more specific value
    (["2020 Mar", "2020-02-15"], PartialDate(2020, 3)),  # the issue month is kept over an earlier online day
    (["2019-03-04", "2018-01-01"], PartialDate(2019, 3, 4)),  # another year never replaces the first
    (["", "not a date"], None),
])
def test_the_most_specific_agreeing_date_is_kept(values, date):
    assert best_date(values) == date


def test_journal_page_publication_date_placeholder():
    head = ('<meta name="citation_title" content="A map of protein interactions">'
            '<meta name="citation_publication_date" content="2020/01/01">'
            '<meta name="citation_date" content="2020-03-27">'
            '<meta name="citation_author" content="Jane Roe">')
    doc = _read(f"<html><head>{head}</head><body><h1>A map of protein interactions</h1>"
                f"<div class='abstract'><h2>Abstract</h2><p>{_PARAGRAPHS[0]}</p></div></body></html>")
    assert doc.date == PartialDate(2020, 3, 27)


@pytest.mark.parametrize("text, date", [
    ("Wed Aug 05 14:51:16 EDT 2015", PartialDate(2015, 8, 5)),
    ("2019/03", PartialDate(2019, 3)),
    ("19 NOV 2019", PartialDate(2019, 11, 19)),
    ("2019/13", None),
])
def test_date_formats(text, date):
    assert parse_date(text) == date
