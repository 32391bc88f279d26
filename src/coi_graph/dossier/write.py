"""Writing dossiers: one entity, or every entity a claim names with an index; every file atomically.

Layout of the output directory::

    index.html, index.md          (--all) every dossier, grouped by type
    sdf.html                      the self-contained page (pictures inline)
    sdf.md                        the same as Markdown
    charts/sdf-timeline.svg       the Markdown page's pictures
    charts/sdf-map.svg

The same build gives the same bytes: nothing depends on the clock, the order of sets or the machine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from coi_graph import progress
from coi_graph.dossier import charts
from coi_graph.dossier import html as html_page
from coi_graph.dossier import markdown as markdown_page
from coi_graph.dossier.gather import Corpus, Entity, gather, slug_of, slugs
from coi_graph.dossier.model import Dossier
from coi_graph.fsutil import atomic_write

log = logging.getLogger("coi_graph")

FORMATS = ("html", "markdown", "both")
CHARTS = "charts"


@dataclass
class Written:
    """What a run wrote, in order."""

    files: list[Path] = field(default_factory=list)
    dossiers: list[Dossier] = field(default_factory=list)


def _write(path: Path, text: str, written: Written) -> None:
    with atomic_write(path) as handle:
        handle.write(text)
    written.files.append(path)


def write_dossier(
    corpus: Corpus,
    iri: str,
    out_dir: Path,
    fmt: str = "both",
    *,
    slug: str | None = None,
    linked: dict[str, str] | None = None,
    index: bool = False,
    written: Written | None = None,
) -> Written:
    """The dossier of ``iri`` as ``SLUG.html`` and/or ``SLUG.md`` in ``out_dir``."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: one of {', '.join(FORMATS)}")
    written = written if written is not None else Written()
    dossier = gather(corpus, iri, slug or slug_of(iri))
    timeline, place_map = charts.timeline_svg(dossier), charts.map_svg(dossier)
    if fmt in ("html", "both"):
        page = html_page.render(dossier, timeline, place_map, linked, "index.html" if index else None)
        _write(out_dir / f"{dossier.slug}.html", page, written)
    if fmt in ("markdown", "both"):
        pictures: dict[str, str | None] = {}
        for name, svg in (("timeline", timeline), ("map", place_map)):
            pictures[name] = None
            if svg is not None:
                relative = f"{CHARTS}/{dossier.slug}-{name}.svg"
                _write(out_dir / relative, svg, written)
                pictures[name] = relative
        page = markdown_page.render(dossier, pictures["timeline"], pictures["map"], linked,
                                    "index.md" if index else None)  # fmt: skip
        _write(out_dir / f"{dossier.slug}.md", page, written)
    written.dossiers.append(dossier)
    return written


def write_all(corpus: Corpus, out_dir: Path, fmt: str = "both") -> Written:
    """A dossier for every entity that at least one claim names, and the index."""
    entities: list[Entity] = corpus.in_claims()
    names = slugs(entities)
    written = Written()
    counts: list[tuple[Entity, str, int]] = []
    with progress.bar("writing dossiers", len(entities)) as advance:
        for number, entity in enumerate(entities, start=1):
            log.debug("dossier %d/%d: %s", number, len(entities), entity.label)
            write_dossier(corpus, entity.iri, out_dir, fmt, slug=names[entity.iri], linked=names, index=True,
                          written=written)  # fmt: skip
            counts.append((entity, names[entity.iri], written.dossiers[-1].claim_count))
            advance(1)
    if fmt in ("html", "both"):
        _write(out_dir / "index.html", html_page.render_index(counts), written)
    if fmt in ("markdown", "both"):
        _write(out_dir / "index.md", markdown_page.render_index(counts), written)
    return written
