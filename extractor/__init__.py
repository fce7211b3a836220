"""litkg: biomedical literature (abstract pages, MEDLINE records, news stories) to an RDF knowledge graph."""

__version__ = "0.1.0"
