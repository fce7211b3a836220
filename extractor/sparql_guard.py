"""What a SPARQL query asks for, found by reading it as the parser does, before the store sees it:
whether it calls ``SERVICE`` (federation: the engine would fetch from other endpoints, a server-side
request forgery on a public endpoint) and how deeply it nests (a query nested a few thousand groups
deep overflows the query engine's stack and kills its process).

Two readings must both find no ``SERVICE``: a single left-to-right pass of the SPARQL lexer
(comments, strings, IRIs and words in the order they stand, so a quote inside a comment starts
nothing), and rdflib's SPARQL parser, whose parse tree is searched for a ``ServiceGraphPattern``.
Texts scrubbed with separate regexes for strings and comments could be fooled (a ``'''`` in a
comment hid what followed); a lexer cannot, since that is how the engine reads the query too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import QueryTooDeep, ServiceRefused

MAX_DEPTH = 40  # nested groups, brackets and parentheses (rdflib's parser stops near 60)

# one SPARQL token at a time, in the lexer's order: what starts first wins, as in the grammar
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)"""
    r"""|(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")"""
    r"""|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)"""
    r"""|(?P<name>[A-Za-z_][\w.-]*:(?:[\w.:%-]|\\.)*|[?$][\w]+|[A-Za-z_]\w*)"""
    r"""|(?P<open>[{(\[])|(?P<close>[})\]])"""
    r"""|(?P<other>\S)""",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class QueryShape:
    service: bool  # a SERVICE keyword, as a keyword (not in a string, IRI, comment or prefixed name)
    depth: int  # the deepest nesting of { ( [


def shape(sparql: str) -> QueryShape:
    service = False
    depth = deepest = 0
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup
        if kind == "name" and match.group().upper() == "SERVICE":
            service = True
        elif kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
    return QueryShape(service, deepest)


def check(sparql: str, allow_service: bool = False) -> None:
    """Raise :class:`QueryTooDeep` for a query nested deeper than :data:`MAX_DEPTH`, and
    :class:`ServiceRefused` for one that calls SERVICE unless ``allow_service``."""
    found = shape(sparql)
    if found.depth > MAX_DEPTH:
        raise QueryTooDeep(f"the query nests {found.depth} groups deep; at most {MAX_DEPTH} are allowed")
    if allow_service:
        return
    if found.service or _parsed_service(sparql):
        raise ServiceRefused("the query uses SERVICE (federation, which sends data to other endpoints); it is refused")


def uses_service(sparql: str) -> bool:
    """Whether the query calls ``SERVICE``, by the lexer's reading or in rdflib's parse tree."""
    return shape(sparql).service or _parsed_service(sparql)


@lru_cache(maxsize=4096)
def _parsed_service(sparql: str) -> bool:
    """A ``ServiceGraphPattern`` in rdflib's parse of the query (False when rdflib cannot parse it:
    the lexer's reading decides then, and the engine reports the syntax error)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(sparql)
    except (ParseException, RecursionError, ValueError, TypeError, AttributeError):
        return False
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            stack.extend(list(node))
    return False
