"""Where each resource was written, so that messages can name a file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from coi_graph.errors import Location

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_PREFIX = re.compile(r"@prefix\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)


@dataclass
class SourceMap:
    """The text of every RDF input file, and the lines of nodes parsed from documents."""

    texts: dict[Path, str] = field(default_factory=dict)
    nodes: dict[URIRef, Location] = field(default_factory=dict)

    def add_file(self, path: Path, text: str) -> None:
        self.texts[path] = text

    def add_node(self, node: URIRef, location: Location) -> None:
        self.nodes.setdefault(node, location)

    def locate(self, node: Node | None) -> Location | None:
        """The first line where ``node`` is written as a subject, else anywhere; None if not found."""
        if node is None:
            return None
        if isinstance(node, URIRef) and node in self.nodes:
            return self.nodes[node]
        fallback: Location | None = None
        for path, text in self.texts.items():
            for pattern in _patterns(node, text):
                subject = re.search(r"(?m)^[ \t]*" + pattern, text)
                if subject:
                    return Location(path, text.count("\n", 0, subject.start()) + 1)
                if fallback is None:
                    anywhere = re.search(pattern, text)
                    if anywhere:
                        fallback = Location(path, text.count("\n", 0, anywhere.start()) + 1)
        return fallback

    def locate_in(self, path: Path, node: Node, *, top_level: bool = False) -> Location:
        """The first line of ``path`` that writes ``node`` outside a comment (and, with ``top_level``,
        outside the braces of a TriG graph); the file alone if none."""
        text = self.texts.get(path, "")
        patterns = _patterns(node, text)
        if not patterns:
            return Location(path)
        written = re.compile("|".join(patterns))
        depth = 0
        for line_number, line in enumerate(text.splitlines(), start=1):
            code = _STRINGS.sub('""', line)  # braces and '#' in strings are not syntax
            code = code.split("#", 1)[0] if "#" in code and "<" not in code else code
            for match in written.finditer(line if isinstance(node, Literal) else code):
                before = code[: match.start()]
                if not top_level or depth + before.count("{") - before.count("}") <= 0:
                    return Location(path, line_number)
            depth += code.count("{") - code.count("}")
        return Location(path)


def _patterns(node: Node, text: str) -> list[str]:
    if isinstance(node, Literal):
        lexical = str(node)
        return [re.escape('"' + lexical + '"')] if lexical else []
    if not isinstance(node, URIRef):
        return []
    iri = str(node)
    patterns = [re.escape(f"<{iri}>")]
    for prefix, namespace in _PREFIX.findall(text):
        if namespace and iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            patterns.append(re.escape(f"{prefix}:{local}") + r"(?![\w.:-]*[\w:-])")
    return patterns
