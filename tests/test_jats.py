"""PMC JATS full texts: front matter, sections, tables as rows, and bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.errors import ParseError, UnsupportedFormat
from extractor.readers import choose_reader, read_bytes
from extractor.records import PartialDate

_ARTICLE = """<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" xml:lang="en">
<front><journal-meta><journal-id journal-id-type="nlm-ta">Test J Med</journal-id>
<journal-title-group><journal-title>Test Journal of Medicine</journal-title></journal-title-group>
<issn pub-type="ppub">1234-5678</issn><publisher><publisher-name>Test Press</publisher-name></publisher></journal-meta>
<article-meta><article-id pub-id-type="pmid">111</article-id><article-id pub-id-type="pmc">222</article-id>
<article-id pub-id-type="doi">10.9999/tjm.1</article-id>
<title-group><article-title>Drug X versus placebo in <italic>adults</italic> with cough</article-title></title-group>
<contrib-group><contrib contrib-type="author"><contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id>
<name><surname>Okafor</surname><given-names>Ada B</given-names></name><degrees>MD, PhD</degrees><xref ref-type="aff" rid="a1">1</xref></contrib>
<contrib contrib-type="author"><name><surname>van Dijk</surname><given-names>Jan</given-names></name><xref ref-type="aff" rid="a2">2</xref></contrib>
<contrib contrib-type="author"><collab>The COUGH Trial Group</collab></contrib>
<contrib contrib-type="editor"><name><surname>Editorson</surname><given-names>E</given-names></name></contrib></contrib-group>
<aff id="a1"><label>1</label>Department of Medicine, <institution>Lakeside University</institution>, Ruritania</aff>
<aff id="a2"><label>2</label>Harbour Hospital, Ruritania</aff>
<pub-date pub-type="epub"><day>3</day><month>2</month><year>2020</year></pub-date>
<pub-date pub-type="ppub"><month>4</month><year>2020</year></pub-date>
<volume>12</volume><issue>3</issue><fpage>101</fpage><lpage>109</lpage>
<permissions><copyright-statement>© 2020 The Authors</copyright-statement></permissions>
<abstract><sec><title>Methods</title><p>We randomised 120 adults to drug X or placebo.</p></sec>
<sec><title>Results</title><p>Cough improved in 40 of 60 patients given drug X.</p></sec></abstract>
<kwd-group><kwd>cough</kwd><kwd>randomised trial</kwd></kwd-group>
<funding-group><award-group><funding-source>Ruritanian Research Council</funding-source><award-id>RRC-42</award-id></award-group></funding-group>
</article-meta></front>
<body><sec sec-type="intro"><title>Introduction</title><p>Cough is common<sup><xref ref-type="bibr" rid="r1">1</xref>,<xref ref-type="bibr" rid="r2">2</xref></sup>.
Registered as <ext-link ext-link-type="clintrialgov" xlink:href="https://clinicaltrials.gov/ct2/show/NCT01234567">NCT01234567</ext-link>.</p></sec>
<sec><title>Methods</title><sec><title>Participants</title><p>Adults aged 18 to 65 were eligible.<table-wrap id="t1"><label>Table 1</label>
<caption><title>Outcomes at week 4</title></caption><table><thead><tr><th rowspan="2">Outcome</th><th colspan="2">Group</th></tr>
<tr><th>Drug X (n = 60)</th><th>Placebo (n = 60)</th></tr></thead>
<tbody><tr><td>Cough score</td><td>2.1 ± 0.4<sup>a</sup></td><td>3.5 ± 0.6</td></tr></tbody></table>
<table-wrap-foot><fn><p><sup>a</sup>P &lt; 0.05 against placebo.</p></fn></table-wrap-foot></table-wrap> They gave consent.</p></sec></sec>
<sec><title>Results</title><p>Drug X lowered the cough score.</p></sec></body>
<back><ack><p>Funded by the Ruritanian Research Council.</p></ack>
<ref-list><ref id="r1"><mixed-citation>Smith J. An older cough paper. 1999.</mixed-citation></ref></ref-list></back>
</article>"""


def _read(xml: str, name: str = "paper.nxml"):
    return read_bytes(xml.encode(), name)


def test_front_matter():
    doc, = _read('<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and '
                 'Interchange DTD v1.0 20120330//EN" "JATS-archivearticle1.dtd">\n' + _ARTICLE)
    assert doc.reader == "jats" and doc.kind.value == "article"
    assert doc.title == "Drug X versus placebo in adults with cough"
    assert doc.record_key == "pmc:PMC222"
    assert (doc.identifiers.pmid, doc.identifiers.pmcid, doc.identifiers.doi) == ("111", "PMC222", "10.9999/tjm.1")
    assert doc.date == PartialDate(2020, 4)  # the issue's date wins over the online one
    assert (doc.citation.volume, doc.citation.issue, doc.citation.first_page, doc.citation.last_page) == ("12", "3", "101", "109")
    assert doc.journal.name == "Test Journal of Medicine" and doc.journal.abbreviation == "Test J Med"
    assert doc.publisher == "Test Press" and doc.language == "en"
    first, second, group = doc.authors
    assert (first.family_name, first.given_name, first.orcid) == ("Okafor", "Ada B", "0000-0002-1825-0097")
    assert first.affiliations == ("Department of Medicine, Lakeside University, Ruritania",)
    assert second.family_name == "van Dijk" and second.affiliations == ("Harbour Hospital, Ruritania",)
    assert group.organization and group.name == "The COUGH Trial Group"  # a group author, not a person
    assert [(g.agency, g.identifier) for g in doc.grants] == [("Ruritanian Research Council", "RRC-42")]
    assert [(d.bank, d.accession) for d in doc.databanks] == [("ClinicalTrials.gov", "NCT01234567")]
    assert doc.keywords == ("cough", "randomised trial")


def test_sections_tables_and_what_is_left_out():
    doc, = _read(_ARTICLE)
    kinds = [(s.kind, s.heading) for s in doc.sections]
    assert kinds[:3] == [("title", None), ("methods", "Methods"), ("results", "Results")]
    assert ("background", "Introduction") in kinds and ("methods", "Participants") in kinds
    assert "Cough is common [1,2]." in doc.text  # citation superscripts read as marks, not glued digits
    table = next(s for s in doc.sections if s.kind == "table" and s.heading)
    rows = doc.text[table.start:table.end]
    assert rows.startswith("Table 1 Outcomes at week 4\n")
    # one line per row, each value beside its column's headers (spans repeated), footnote marks dropped
    assert "Cough score: Group Drug X (n = 60) 2.1 ± 0.4; Group Placebo (n = 60) 3.5 ± 0.6" in rows
    assert "P < 0.05 against placebo." in doc.text
    assert "They gave consent." in doc.text  # the paragraph's text after its table stays
    assert "older cough paper" not in doc.text  # references are not the article's text
    funding = [doc.text[s.start:s.end] for s in doc.sections if s.kind == "funding"]
    assert any("Funded by the Ruritanian Research Council" in text for text in funding)
    assert doc.text_loss is None


def test_article_set_gives_one_document_per_article():
    two = _ARTICLE.replace("<article-id pub-id-type=\"pmc\">222", "<article-id pub-id-type=\"pmc\">333")
    docs = _read(f"<pmc-articleset>{_ARTICLE}{two}</pmc-articleset>", "efetch.xml")
    assert [d.record_key for d in docs] == ["pmc:PMC222", "pmc:PMC333"]


def test_sniffed_apart_from_medline_and_html():
    assert choose_reader('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS">\n<article><front>').name == "jats"
    assert choose_reader('<?xml version="1.0"?>\n<PubmedArticleSet><PubmedArticle>').name == "medline-xml"
    assert choose_reader("<!DOCTYPE html><html><article><p>x</p></article></html>").name != "jats"


def test_a_dtd_reference_is_never_fetched():
    # the DTD is on a host that does not exist: reading must not try it (tests also block sockets)
    xml = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS" "http://dtd.invalid/JATS.dtd">\n<article><front><article-meta>'
           '<title-group><article-title>A title</article-title></title-group></article-meta></front>'
           '<body><p>We randomised 20 patients.</p></body></article>')
    doc, = _read(xml)
    assert doc.title == "A title" and "We randomised 20 patients." in doc.text


@pytest.mark.parametrize("xml, error, reason", [
    ('<!DOCTYPE article [<!ENTITY a "aaaa">]>\n<article><front/></article>', ParseError, "declares entities"),
    (_ARTICLE.replace("</contrib-group>", "</contrib-grp>"), ParseError, "malformed XML"),
    (_ARTICLE[:1500], ParseError, "XML"),
    ("<?xml version='1.0'?>\n<catalog><book>x</book></catalog>", UnsupportedFormat, "root element <catalog>"),
    ("<article><front><article-meta/></front></article>", ParseError, "no <article>"),
])
def test_bad_jats_gets_one_clear_reason(xml, error, reason):
    with pytest.raises(error, match=reason):
        _read(xml)


_TABLES = _ARTICLE.replace("""<sec><title>Results</title><p>Drug X lowered the cough score.</p></sec></body>""", """<sec><title>Results</title>
<p>Drug X lowered the cough score.</p>
<table-wrap id="t2"><label>Table 2</label><caption><title>Baseline characteristics</title></caption><table>
<thead><tr><th/><th>Drug X</th><th>Placebo</th></tr></thead>
<tbody><tr><td>Age, years</td><td/><td/></tr><tr><td>Mean</td><td>44.1</td><td>45.0</td></tr></tbody></table></table-wrap>
<table-wrap id="t3"><label>Table 3</label><caption><title>Adverse events and biomarkers</title></caption><table>
<thead><tr><th/><th colspan="2">Patients with an event, n (%)</th></tr></thead>
<tbody><tr><td/><td>Drug X</td><td>Placebo</td></tr>
<tr><td>Headache</td><td>7 (12)</td><td>3 (5)</td></tr>
<tr><td>IgE level</td><td>IgE level</td><td>IgE level</td></tr>
<tr><td>n</td><td>58</td><td>57</td></tr>
<tr><td>Change, % (SEM)</td><td>-41 (4)</td><td>-13 (4)</td></tr>
<tr><td>Mean</td><td>187.7</td><td>192.2</td></tr>
<tr><td>P value</td><td>P = 0.001</td><td/></tr>
<tr><td>Hazard ratio (95% CI)</td><td>0.82 (0.70-0.95)</td><td>1</td></tr></tbody></table></table-wrap></sec></body>""")


def test_table_cells_keep_their_row_group_and_column_headers():
    doc, = _read(_TABLES)
    cells = [(doc.text[c.row_start:c.row_end], c.column, doc.text[c.start:c.end],
              doc.text[c.group_start:c.group_end] if c.group_start is not None else None) for c in doc.table_cells]
    assert ("Cough score", "Drug X (n = 60)", "2.1 ± 0.4", None) in cells  # the innermost header is the column
    assert ("Mean", "Drug X", "44.1", "Age, years") in cells  # a label-only row names the rows below
    assert ("Headache", "Drug X", "7 (12)", None) in cells  # arms named in the body's first row are headers
    headache = next(c for c in doc.table_cells if doc.text[c.start:c.end] == "7 (12)")
    assert headache.column_outer == "Patients with an event, n (%)" and headache.caption.startswith("Table 3")
    assert "IgE level\n" in doc.text  # a label spanning its row is said once


def test_results_tables_give_results_under_their_row_and_column_and_baseline_tables_none():
    from extractor.nlp.analysis import analyse
    from extractor.nlp.table_results import RULE

    doc, = _read(_TABLES)
    table = [r for r in analyse(doc).results if r.rule == RULE]
    got = {(r.text, r.endpoint_text, r.arm_text): r for r in table}
    assert not any(r.text in ("44.1", "45.0") for r in table)  # baseline characteristics are not results
    assert not any(r.text in ("58", "57", "P = 0.001") for r in table)  # arm sizes and P values are not values
    headache = got[("7 (12)", "Headache", "Drug X")]
    assert (headache.statistic, headache.count, headache.percent) == ("Count", 7, 12)  # read as "n (%)" says
    change = got[("-41 (4)", "IgE level", "Drug X")]  # a row naming no outcome takes its group's label
    assert (change.unit, change.spread, change.spread_kind) == ("%", 4, "SE")
    assert got[("187.7", "IgE level", "Drug X")].statistic == "Mean"  # a bare number under a "Mean" row
    ratio = got[("0.82 (0.70-0.95)", "IgE level", "Drug X")]  # a row naming a statistic: its group is the endpoint
    assert (ratio.statistic, ratio.ci_lower, ratio.ci_upper, ratio.range_lower) == ("HazardRatio", Decimal("0.70"), Decimal("0.95"), None)
    cough = got[("2.1 ± 0.4", "Cough score", "Drug X (n = 60)")]
    assert cough.statistic == "Mean" and cough.spread == Decimal("0.4")
    # the table's text gives no sentence-level results of its own
    assert all(r.rule == RULE for r in analyse(doc).results if r.section == "table")
