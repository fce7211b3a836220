"""The pass above the store: one study per trial, one work per paper, news stories linked to papers."""

from .news import link_news
from .scope import Scope
from .studies import document_keys, resolve_studies

__all__ = ["Scope", "document_keys", "link_news", "resolve_studies"]
