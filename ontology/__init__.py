"""litkg's ontology (OWL terms, SHACL shapes) and curated vocabularies, shipped as package data."""
