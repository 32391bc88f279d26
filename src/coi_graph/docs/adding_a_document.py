"""Write docs/adding-a-document.md: a new report section taken from the file to a validated build.

Every command of the page runs here, in-process, on a scratch copy of data/ in a temporary directory
that is the working directory while they run, so the paths they print are the relative ones a reader
sees. The review is interactive: its answers are fed on standard input and the page shows the
transcript. Run ``python -m coi_graph.docs.adding_a_document`` after changing a command, the
extractor or the data; tests/system/test_docs.py regenerates the page and fails while it differs.

The prose between the outputs is written here; where it names something an output shows (a score, a
candidate), :func:`_expect` checks that the output still shows it, so prose and output cannot drift apart.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import shutil
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

from coi_graph.docs import run_command
from coi_graph.fsutil import atomic_write

PAGE = Path("docs/adding-a-document.md")
WIDTH = 110  # prose line length, as in the other pages
DOCUMENT = Path("tests/documents/report-bracket.txt")

TITLE = "COI Report - Iraq: Security Situation"
METADATA = ("--title", TITLE, "--date", "2025-05", "--publisher", "EUAA")
DOC_ID = "euaa-2025-05-coi-report-iraq-security-situation-s2.4"
REVIEWER = ("--reviewer", "A. Analyst", "--date", "2026-11-25")
AGREEMENT = (
    "ev:iraq-us-advisers-agreement-2025-03 a coi:Agreement ; "
    'rdfs:label "Iraq-US agreement to keep US military advisers at Ain al-Asad"@en ; '
    "coi:party ent:iraqi-government, ent:us-government ."
)
# accept candidate 1; edit candidate 2 (triples, keep the quote, modality), which accepts it
ANSWERS = f"a\ne\n{AGREEMENT}\n\nstated\n"


class _Page:
    """The Markdown being written, and the commands run for it."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, *paragraphs: str) -> None:
        """Paragraphs of prose, wrapped as the hand-written pages are; headings and code blocks as they are."""
        for paragraph in paragraphs:
            if not paragraph.startswith(("#", "```")):
                paragraph = textwrap.fill(paragraph, WIDTH, break_long_words=False, break_on_hyphens=False)
            self.parts += [paragraph, ""]

    def command(
        self, args: Sequence[str], *, stdin: str | None = None, exit_code: int = 0, stdout_only: bool = False
    ) -> str:
        """Run ``coi-graph ARGS`` and show the command with what it printed; returns the output shown."""
        result = run_command(args, stdin=stdin, exit_code=exit_code)
        shown = (result.stdout if stdout_only else result.output).rstrip("\n")
        self.parts += ["```", f"$ coi-graph {shlex.join(args)}", shown, "```", ""]
        return shown

    def table(self, args: Sequence[str]) -> str:
        """Run a saved query with ``--format markdown`` and show its table."""
        result = run_command([*args, "--format", "markdown"])
        self.parts += ["```sh", f"coi-graph {shlex.join(args)} --format markdown", "```", ""]
        self.parts += [result.stdout.rstrip("\n"), ""]
        return str(result.stdout)

    def file(self, path: Path, language: str = "") -> str:
        content = path.read_text(encoding="utf-8").rstrip("\n")
        self.parts += [f"`{path.as_posix()}`:", "", f"```{language}", content, "```", ""]
        return content


def _expect(shown: str, *needles: str) -> None:
    """The prose says the output shows each of ``needles``: check it, so that the two cannot drift apart."""
    missing = [needle for needle in needles if needle not in shown]
    if missing:
        raise RuntimeError(f"the page's prose no longer matches the output: {missing} not in\n{shown}")


def _steps(page: _Page, document: str) -> None:
    text_file = Path("data/documents") / f"{DOC_ID}.txt"
    draft = "draft.trig"
    page.text(
        "# Adding a document",
        "This page takes one new report section from its file to claims in a validated graph, with the "
        "commands an analyst types and what they print. [ingest.md](ingest.md) explains each command, the "
        "layouts the parsers read and how well mention finding and extraction do; "
        "[data-model.md](data-model.md) explains what a claim is.",
        "The output below is real: `python -m coi_graph.docs.adding_a_document` runs every command on a "
        "scratch copy of `data/` and writes this page, and `tests/system/test_docs.py` fails while the page and "
        "the commands disagree. To follow along without changing the seed data, work in a scratch directory:",
        "```sh\nmkdir /tmp/try && cp -r data /tmp/try/ && cp tests/documents/report-bracket.txt /tmp/try/ "
        "&& cd /tmp/try\n```",
    )
    page.text(
        "## 0. The new section",
        f"`{document}` is a section of a report on Iraq, copied from a PDF: the footnote markers are "
        "flattened to `[1]` and the footnotes follow as `[1] …` lines. Its events are invented; its names "
        "are those of the registry. It does not say which report it comes from.",
    )
    page.file(Path(document))

    page.text(
        "## 1. Ingest",
        "`coi-graph ingest` detects the layout, parses the file and files it verbatim in `data/documents/` "
        'with a metadata file. A section without a "Please cite as" line does not say its report\'s title, '
        "date and publisher, so the first try stops and says what to add:",
    )
    shown = page.command(["ingest", document], exit_code=2)
    _expect(shown, "--title", "--date", "--publisher")
    shown = page.command(["ingest", document, *METADATA])
    _expect(shown, "bracket markers", "3 markers, 3 footnotes, 3 citations", f"documents/{DOC_ID}.txt")
    page.text(
        "The id is made of publisher, date, title and section number. The metadata file records what the "
        "file does not say; the text itself is parsed again at every build:",
    )
    page.file(Path("data/documents") / f"{DOC_ID}.ttl", "turtle")

    page.text(
        "## 2. Mentions",
        "`coi-graph mentions` lists the names of the registry it finds, with offsets into the file, so "
        "that an analyst can see what the extractor will be able to use and which names are new (entity "
        "empty; add them to `data/entities/` first). Context decides between the city and the government: "
        '"in Baghdad" is the city, "Baghdad and Washington agreed" the governments (score 0.8, resolved by '
        "context).",
    )
    shown = page.command(["mentions", text_file.as_posix(), "--format", "csv"])
    _expect(shown, "Baghdad,https://w3id.org/coi-graph/id/entity/baghdad,Baghdad,city,Q1530,0.8")
    _expect(shown, "Baghdad,https://w3id.org/coi-graph/id/entity/iraqi-government,Government of Iraq,government,,0.8")

    page.text(
        "## 3. Extract",
        "`coi-graph extract` proposes candidate claims sentence by sentence into a draft file that the build "
        "never reads. Extract after ingesting, so that the candidates name the passage, sentence and "
        "footnotes the build gives the filed document.",
    )
    shown = page.command(["extract", text_file.as_posix(), "-o", draft])
    _expect(shown, "2 candidates from 3 sentences")
    content = page.file(Path(draft), "trig")
    _expect(content, "coi:Meeting", "coi:stationedAt", "coi:modality coi:Planned")
    page.text(
        "Two of the three sentences give a candidate: the meeting, with its date and footnote 1, and the "
        'advisers at Ain al-Asad, marked planned ("agreed to keep"). "Iran opposed the agreement." gives '
        'none: the extractor has no rule for opposing an event (see "What the extractor left" below).',
    )

    page.text(
        "## 4. Review",
        "`coi-graph review` shows each pending candidate and asks what to do with it. Here the analyst "
        "accepts the meeting as proposed and edits the second candidate: what the sentence states is an "
        "agreement between the two governments, so the triples become a `coi:Agreement` with its parties, "
        "the quote stays (an empty answer keeps the value in brackets), and the modality becomes *stated*. "
        "The answers follow the prompts:",
    )
    shown = page.command(["review", draft, *REVIEWER], stdin=ANSWERS)
    _expect(shown, "0 rejected; 2 filed in")
    page.text(
        "The accepted claims were validated with the rest of `data/` before anything was written, then "
        "appended to the document's claims file with the reviewer and the day; the draft now marks them "
        "`coi:Accepted` with `coi:acceptedAs` the claim. A claim file is curated data like any other: "
        "read it, correct it by hand if need be.",
    )
    page.file(Path("data/claims") / f"{DOC_ID}.trig", "trig")

    page.text(
        "## 5. Validate and build",
        "`coi-graph validate` checks `data/` against the shapes without writing anything; `coi-graph build` "
        "does the same on the way to a new `build/` (parse, derive, reason, validate, write) and prints "
        "what it holds. Both print their progress on standard error, left out here.",
    )
    shown = page.command(["validate"], stdout_only=True)
    _expect(shown, "Conforms")
    shown = page.command(["build"], stdout_only=True)
    _expect(shown, "documents 3", "violations 0")
    page.text(
        "The summary counts three documents now, and the two new claims (both stated) among the claims.",
    )

    page.text(
        "## 6. The new claims in the graph",
        "The saved queries see the new section like the others. Which claims does footnote 2 back, and "
        "what does it cite?",
    )
    shown = page.table(
        ["query", "run", "footnote-claims", "--param", "footnote=2", "--param", f"document=doc:{DOC_ID}"]
    )
    _expect(shown, "NPR, 2025-03-04")
    page.text("And al-Sudani's timeline up to mid-2025 now holds the meeting, with its footnote and source:")
    shown = page.table(
        ["query", "run", "timeline", "--param", "actor=ent:mohammed-shia-al-sudani", "--param", "to=2025-06-30"]
    )
    _expect(shown, "Al Jazeera, 2025-03-03")

    page.text(
        "## What the extractor left",
        '"Iran opposed the agreement." is a claim an analyst may want, but no rule proposes it (`coi:opposes` '
        "joins actors, and the agreement is an event). Write such a claim by hand in "
        f"`data/claims/{DOC_ID}.trig`, with its quote, passage, footnote and modality, as the curated claims "
        "of the seed are written ([data-model.md](data-model.md), the worked example), then validate and "
        "build again.",
    )


def render_page(data_dir: Path, document: Path) -> str:
    """Run every step on a scratch copy of ``data_dir`` and return the page."""
    page = _Page()
    with tempfile.TemporaryDirectory(prefix="coi-graph-doc-") as scratch:
        work = Path(scratch)
        shutil.copytree(data_dir, work / "data")
        shutil.copyfile(document, work / document.name)
        with contextlib.chdir(work):
            _steps(page, document.name)
        text = "\n".join(page.parts).rstrip("\n") + "\n"
        for leaked in {scratch, str(work.resolve())}:
            if leaked in text:
                raise RuntimeError(f"the page shows the scratch directory {leaked}")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data directory to copy")
    parser.add_argument("--document", type=Path, default=DOCUMENT, help="the new document")
    parser.add_argument("-o", "--output", type=Path, default=PAGE)
    args = parser.parse_args()
    text = render_page(args.data, args.document)
    with atomic_write(args.output) as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
