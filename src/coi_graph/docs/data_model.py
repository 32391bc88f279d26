"""Regenerate the generated parts of docs/data-model.md.

- ``diagram``: Mermaid class diagrams of the ontology (:mod:`coi_graph.docs.ontology_diagram`);
- ``example-query``: the worked example's sentence as the answer of a saved query on the build;
- ``example-gexf``: the same fact as an edge of the Gephi export, trimmed to the edge and the
  declarations of its attributes.

Run ``python -m coi_graph.docs.data_model --build build`` after changing the ontology, a query, an
exporter or the data; tests/system/test_docs.py fails while the page and the real output disagree. Only the
text between the ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers is rewritten.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from coi_graph.docs import fill_region, run_command
from coi_graph.docs.ontology_diagram import VIEWS as DIAGRAM_VIEWS
from coi_graph.docs.ontology_diagram import Ontology, diagram, not_drawn
from coi_graph.fsutil import atomic_write
from coi_graph.namespaces import ENT

PAGE = Path("docs/data-model.md")

# The worked example: claim 11 of the report, "around 2 000 US troops" in Syria.
QUERY = ("query", "run", "quantities", "--param", "actor=ent:us-armed-forces")
GEXF = ("export", "gexf")
EDGE = (str(ENT["us-armed-forces"]), str(ENT["syria"]), "present at")


def diagram_section(ontology: Ontology | None = None) -> str:
    """The diagrams, each under its heading, with what they leave out."""
    source = ontology or Ontology()
    parts = [
        "Generated from `ontology/coi.ttl` by `python -m coi_graph.docs.data_model` (a test fails while they",
        "disagree). A box is a class, titled with its label; arrows with a triangle are subclasses; an arrow",
        "from one class to another is an object property, named as in SPARQL. Inside a box: its attributes",
        "(`name: type`: datatype properties, concept-valued properties such as `modality: Modality`, and",
        "relations of a class to itself such as `supports: Actor`), then, after ▸, its subclasses that have",
        "no property of their own. White boxes belong to the other diagram.",
        "",
    ]
    for view in DIAGRAM_VIEWS:
        drawn = diagram(source, view)
        parts += [f"### {drawn.title}", "", "```mermaid", drawn.mermaid().rstrip("\n"), "```", ""]
    inverses, no_domain = not_drawn(source)
    note = (
        "Not drawn: the inverse properties ("
        + ", ".join(f"`{p}`" for p in inverses)
        + "), and the properties without a domain in the ontology or the shapes ("
        + ", ".join(f"`{p}`" for p in no_domain)
        + ")."
    )
    parts.append(textwrap.fill(note, 110, break_long_words=False, break_on_hyphens=False))
    return "\n".join(parts)


def query_example(build_dir: Path) -> str:
    """The saved query's answer, as the terminal shows it."""
    result = run_command([*QUERY, "--build", str(build_dir)])
    return "\n".join(["```", f"$ coi-graph {' '.join(QUERY)}", result.stdout.rstrip("\n"), "```"])


def gexf_example(build_dir: Path) -> str:
    """The edge of the worked example in the GEXF export, with the declarations of the edge attributes."""
    lines = run_command([*GEXF, "--build", str(build_dir)]).stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith('<attributes class="edge"'))
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == "</attributes>")
    source, target, label = EDGE
    head = f'source="{source}" target="{target}" label="{label}"'
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("<edge ") and head in line)
    last = next(i for i in range(first, len(lines)) if lines[i].strip() == "</edge>")
    excerpt = [*lines[start : end + 1], "    …", *lines[first : last + 1]]
    return "\n".join(["```xml", *excerpt, "```"])


def render_data_model(page: str, build_dir: Path, ontology: Ontology | None = None) -> str:
    """``page`` (the text of docs/data-model.md) with its generated regions rewritten."""
    page = fill_region(page, "diagram", diagram_section(ontology))
    page = fill_region(page, "example-query", query_example(build_dir))
    return fill_region(page, "example-gexf", gexf_example(build_dir))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, default=Path("build"), help="a build of the seed data")
    parser.add_argument("-o", "--output", type=Path, default=PAGE, help="the page to update in place")
    args = parser.parse_args()
    text = render_data_model(args.output.read_text(encoding="utf-8"), args.build)
    with atomic_write(args.output) as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
