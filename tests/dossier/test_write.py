"""coi_graph.dossier.write: the dossier of one entity as a self-contained HTML page and/or Markdown with its
pictures in charts/, and --all's dossiers with an index; what was written, in order, and the same bytes for the
same build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coi_graph.compile.pipeline import BuildResult
from coi_graph.dossier.write import Corpus, Written, write_all, write_dossier
from coi_graph.store import open_store

ENT = "https://w3id.org/coi-graph/id/entity/"


@pytest.fixture(scope="module")
def corpus(seed_build: BuildResult) -> Corpus:
    return Corpus(open_store(seed_build.out_dir))


class TwoEntities(Corpus):
    """The seed corpus with --all cut to two entities (SDF and Syria), to keep the test fast."""

    def in_claims(self) -> list[Any]:
        return [e for e in super().in_claims() if e.iri in (ENT + "sdf", ENT + "syria")]


def test_both_formats_write_the_page_the_markdown_and_its_pictures(corpus: Corpus, tmp_path: Path) -> None:
    written = write_dossier(corpus, ENT + "sdf", tmp_path)
    assert written.files == [tmp_path / "sdf.html", tmp_path / "charts" / "sdf-timeline.svg",
                             tmp_path / "charts" / "sdf-map.svg", tmp_path / "sdf.md"]  # fmt: skip
    assert [d.label for d in written.dossiers] == ["Syrian Democratic Forces"]
    page = (tmp_path / "sdf.html").read_text(encoding="utf-8")
    assert page.count('<svg class="chart"') == 2  # the pictures are inline in the page
    assert 'id="timeline-' in page and 'id="map-' in page
    markdown = (tmp_path / "sdf.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Syrian Democratic Forces\n")
    assert "](charts/sdf-timeline.svg)" in markdown and "](charts/sdf-map.svg)" in markdown
    timeline = (tmp_path / "charts" / "sdf-timeline.svg").read_text(encoding="utf-8")
    assert timeline.startswith('<svg class="chart" role="img" aria-label="Claims about Syrian Democratic Forces')
    assert f"{written.dossiers[0].claim_count} claims" in markdown


@pytest.mark.parametrize(("fmt", "names"), [("html", ["usdod.html"]), ("markdown", ["charts/usdod-timeline.svg",
                                                                                     "usdod.md"])])  # fmt: skip
def test_one_format_writes_only_its_files_and_no_picture_that_is_not_there(
    corpus: Corpus, tmp_path: Path, fmt: str, names: list[str]
) -> None:
    """The US Department of Defense has dated claims but no located place: a timeline and no map."""
    written = write_dossier(corpus, ENT + "usdod", tmp_path, fmt)
    assert [p.relative_to(tmp_path).as_posix() for p in written.files] == names
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted(names)
    if fmt == "markdown":
        assert "usdod-map.svg" not in (tmp_path / "usdod.md").read_text(encoding="utf-8")


def test_an_unknown_format_is_refused_before_anything_is_written(corpus: Corpus, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format 'pdf': one of html, markdown, both"):
        write_dossier(corpus, ENT + "sdf", tmp_path, "pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_slug_and_the_index_link_and_the_run_collected(corpus: Corpus, tmp_path: Path) -> None:
    written = Written()
    write_dossier(corpus, ENT + "sdf", tmp_path, "markdown", slug="forces", index=True, written=written)
    write_dossier(corpus, ENT + "syria", tmp_path, "html", written=written)
    assert [p.name for p in written.files] == ["forces-timeline.svg", "forces-map.svg", "forces.md", "syria.html"]
    assert [d.slug for d in written.dossiers] == ["forces", "syria"]
    assert "[All dossiers](index.md)" in (tmp_path / "forces.md").read_text(encoding="utf-8")
    assert 'href="index.html"' not in (tmp_path / "syria.html").read_text(encoding="utf-8")


def test_all_writes_each_dossier_then_the_index_and_the_same_bytes_again(seed_build: BuildResult,
                                                                         tmp_path: Path) -> None:  # fmt: skip
    corpus = TwoEntities(open_store(seed_build.out_dir))
    first = write_all(corpus, tmp_path / "a")
    names = [p.relative_to(tmp_path / "a").as_posix() for p in first.files]
    assert names[-2:] == ["index.html", "index.md"]
    assert {"sdf.html", "sdf.md", "syria.html", "syria.md"} <= set(names)
    index = (tmp_path / "a" / "index.md").read_text(encoding="utf-8")
    assert "2 entities named in at least one claim, grouped by type." in index
    counts = {d.slug: d.claim_count for d in first.dossiers}
    assert f"- [Syrian Democratic Forces](sdf.md) — {counts['sdf']} claims" in index
    assert f"- [Syria](syria.md) — {counts['syria']} claims" in index
    assert 'href="index.html"' in (tmp_path / "a" / "sdf.html").read_text(encoding="utf-8")
    second = write_all(corpus, tmp_path / "b")
    assert [p.relative_to(tmp_path / "b").as_posix() for p in second.files] == names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
