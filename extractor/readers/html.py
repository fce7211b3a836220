"""HTML pages: parsed once, then read as what they are: a ClinicalTrials.gov study page, a PubMed
record page, a journal article page, or (anything else) a news story."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Document
from .base import Source
from .ctgov_html import is_ctgov_page, read_ctgov_page
from .html_article import is_article_page, read_article_page
from .html_news import read_news_page
from .html_page import parse_page
from .pubmed_html import is_pubmed_page, read_pubmed_page


class HtmlReader:
    name = "html"
    streams = False

    def sniff(self, text: str) -> float:
        head = text[:4000].lower()
        if re.search(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", head):
            return 1.0
        return 0.6 if re.search(r"<(?:p|div|meta|title)[\s>]", head) else 0.0

    def read(self, source: Source) -> Iterator[Document]:
        page = parse_page(source)
        if is_ctgov_page(page):
            yield read_ctgov_page(page)
        elif is_pubmed_page(page):
            yield read_pubmed_page(page)
        elif is_article_page(page):
            yield read_article_page(page)
        else:
            yield read_news_page(page)
