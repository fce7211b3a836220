"""The HTML readers' element tree (lxml): parse limits, what counts as text, removal, selectors, and the
reader choice that stops at the first certain reader."""

from __future__ import annotations

from pathlib import Path

from extractor.readers import READERS, choose_reader, read_bytes
from extractor.readers.decoding import decode
from extractor.readers.html_tree import drop, find, joined_text, parse_html, select, select_one, strings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [path for folder in (ROOT / "corpus", ROOT.parent / "shared" / "data" / "realworld" / "docs",
                               ROOT.parent / "shared" / "data" / "registry")
           for path in sorted(folder.rglob("*")) if path.is_file() and path.stat().st_size < 3_000_000]


def test_a_page_nested_deeper_than_the_parser_builds_keeps_its_text():
    # libxml2 stops building a tree at 256 levels (the text below is dropped); litkg parses such a page again
    sentence = "Walking 30 minutes a day lowered blood pressure in the trial."
    for depth in (300, 3000):
        page = f"<html><head><title>Deep</title></head><body>{'<div>' * depth}<p>{sentence}</p>{'</div>' * depth}</body></html>"
        assert sentence in joined_text(parse_html(page))
        document, = read_bytes(page.encode(), "deep.html")
        assert sentence in document.text


def test_text_leaves_out_scripts_styles_templates_ruby_and_comments():
    root = parse_html("<html><body><p id=a>Kept <script>var x = 1;</script>one<!-- not text --> "
                      "<style>p {}</style>two <template><b>hidden</b></template>three "
                      "<ruby>漢<rt>kan</rt></ruby> four</p></body></html>")
    text = joined_text(find(root, "p"))
    assert text == "Kept one two three 漢 four"
    assert strings(find(root, "script")) == ["var x = 1;"]  # a script's own text, asked for, is there


def test_a_removed_element_leaves_the_text_after_it():
    root = parse_html("<html><body><p>The trial <span class=ad>Buy now</span>enrolled 120 adults.</p></body></html>")
    span = find(root, "span")
    drop(span)
    assert joined_text(find(root, "p")) == "The trial enrolled 120 adults."
    drop(span)  # already removed: nothing happens


def test_removal_next_to_a_control_character_the_parser_kept():
    root = parse_html("<html><body><p>Dose\x0b<i>x</i>\x0c10 mg</p></body></html>")
    drop(find(root, "i"))
    assert joined_text(find(root, "p")).replace("\x0b", " ").split() == ["Dose", "10", "mg"]


def test_selectors_search_below_the_element_in_document_order():
    root = parse_html("<html><body><div class='cit x'><p class='cit'>A</p></div><span class=key>B</span>"
                      "<sup>C</sup></body></html>")
    div = find(root, "div")
    assert [e.tag for e in select(root, ".cit")] == ["div", "p"]
    assert [e.tag for e in select(div, ".cit")] == ["p"]  # not the element itself
    assert select_one(root, "sup, .key").tag == "span"  # a group: the first in the page, not the first selector


def test_empty_and_declared_pages_parse():
    assert parse_html("").tag == "html" and joined_text(parse_html("   ")) == ""
    assert joined_text(parse_html("<?xml version='1.0' encoding='utf-8'?><html><body><p>x y</p></body></html>")) == "x y"


def test_the_first_certain_reader_is_the_one_every_reader_would_have_chosen():
    assert SAMPLES
    for path in SAMPLES:
        try:
            text, _ = decode(path.read_bytes())
        except Exception:  # binary samples are refused before sniffing
            continue
        head = text[:20000]
        scores = [reader.sniff(head) for reader in READERS]
        assert max(scores) <= 1.0, path
        assert choose_reader(text) is max(READERS, key=lambda reader: reader.sniff(head)), path
