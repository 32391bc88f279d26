"""Curate dev-set documents to full coverage in the workbench, and count what it took (issue 17).

Run:  .venv/bin/python benchmarks/curation.py [--devset DIR] [--documents D10,D14]

For each document, a plan written down below (:data:`PLANS`: the decisions an analyst takes on it, made once by
reading the text, not tuned to the tool) is carried out through the page only, in headless Chromium at
1280×800, on a copy of data/: ``coi-graph ingest``, ``coi-graph extract``, then keys for the candidates
(``j`` next, ``a`` accept, ``r`` reject with a reason), the entity form for an entity the registry lacks, and
"Add claim" from selected words for what the extractor missed. Every key, typed field, choice in a list,
selection and click is counted. At the end the page's coverage figure is read and ``coi-graph build`` must exit 0.

The same work in the terminal today is counted from the same decisions: ``coi-graph review`` takes a key and
Enter per accepted candidate, and a key, Enter, a typed reason and Enter per rejected one; it cannot add a claim
or create an entity, so those are counted as the lines of RDF the workbench wrote for them (diffed per action),
which is what an analyst types by hand today, IRIs and offsets included.

Prints a Markdown table per document, and the wall time of the scripted run (not an analyst's minutes).
Needs the dev set (``../shared/devset/docs``) and Debian's chromium; the product does not.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "docs"


@dataclass(frozen=True)
class Entity:
    """An entity created in the form: its type (as the form lists it), label and aliases."""

    type: str
    label: str
    aliases: str = ""


@dataclass(frozen=True)
class Added:
    """A claim added from the words selected in the text. Entities are (typed, the label chosen)."""

    words: str
    relation: str
    subject: tuple[str, str]
    object: tuple[str, str]
    modality: str = "stated"
    start: str = ""
    attribution: tuple[str, str] | None = None


@dataclass(frozen=True)
class Plan:
    """What the analyst decides on a document. Every candidate is accepted unless a part of its triples line
    is a key of ``reject`` (the value is the reason typed)."""

    file: str
    publisher: str
    date: str
    reject: dict[str, str] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    added: tuple[Added, ...] = ()


PLANS = {
    "D10": Plan(
        "D10_abc7_2024-02-02_us_strikes_after_tower22.txt", "ent:abc7", "2024-02-02",
        reject={'coi:statementText "involvement"': "Iran denied involvement: the statement is a fragment"},
        entities=(Entity("media outlet", "ABC7", "ABC 7"),),
        added=(Added("there are approximately 350 U.S. Army and Air Force personnel deployed to the base",
                     "coi:stationedAt", ("US armed", "US armed forces"), ("Tower 22", "Tower 22"),
                     start="2024-02-02", attribution=("Central Command", "")),),
    ),
    "D14": Plan(
        "D14_hurriyet_2025-03-11_sdf_damascus_agreement.txt", "ent:hurriyet-daily-news", "2025-03-11",
        added=(
            Added("Mazloum Abdi, the commander of the SDF", "coi:leads", ("Mazloum", "Mazloum Abdi"),
                  ("SDF", "Syrian Democratic Forces")),
            Added("integrating all civil and military institutions in northeastern Syria under the administration "
                  "of the Syrian state", "coi:controls", ("Syrian gov", "Government of Syria"),
                  ("northeastern Syria", "northeastern Syria"), modality="planned"),
            Added("would bring most of Syria under the control of the government", "coi:controlsPartOf",
                  ("Syrian gov", "Government of Syria"), ("Syria", "Syria"), modality="possible"),
        ),
    ),
}  # fmt: skip


@dataclass
class Tally:
    workbench: Counter[str] = field(default_factory=Counter)
    terminal: Counter[str] = field(default_factory=Counter)
    rdf_lines: int = 0
    confirmed: int = 0  # proposed entities confirmed into the registry


class Session:
    """The page of one document, driven as an analyst would, every gesture counted."""

    def __init__(self, driver: WebDriver, base: str, doc: str, data: Path) -> None:
        self.driver, self.base, self.doc, self.data = driver, base, doc, data
        self.tally = Tally()

    def css(self, selector: str) -> WebElement:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def open(self) -> None:
        from coi_graph.workbench.screenshot import wait_ready

        self.driver.get(f"{self.base}/doc/{self.doc}")
        wait_ready(self.driver)

    def key(self, keys: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        self.tally.workbench["keys"] += len(keys)
        ActionChains(self.driver).send_keys(keys).perform()

    def type(self, selector: str, text: str) -> None:
        self.tally.workbench["fields typed"] += 1
        self.css(selector).send_keys(text)

    def click(self, selector: str) -> None:
        self.tally.workbench["clicks"] += 1
        self.css(selector).click()

    def choose(self, selector: str, *, value: str | None = None, text: str | None = None) -> None:
        from selenium.webdriver.support.ui import Select

        self.tally.workbench["choices"] += 1
        menu = Select(self.css(selector))
        if value is not None:
            menu.select_by_value(value)
        else:
            menu.select_by_visible_text(text or "")

    def pick(self, name: str, typed: str, label: str) -> None:
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.common.by import By

        from coi_graph.workbench.screenshot import pick_entity

        self.tally.workbench["fields typed"] += 1
        self.tally.workbench["choices"] += 1
        try:
            pick_entity(self.driver, name, typed, label)
        except TimeoutException:
            hits = [h.text for h in self.driver.find_elements(By.CSS_SELECTOR, f'[data-name="{name}"] .pick-hit')]
            raise SystemExit(f"{name}: typed {typed!r}, no hit starts with {label!r}: {hits}") from None

    def dialog(self, selector: str) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 20).until(lambda d: self.css(selector).get_attribute("open") is not None)

    def written(self, act: object) -> None:
        """Run ``act`` (a write), wait for the page to be read again, and count the lines of RDF it added."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        from coi_graph.workbench.screenshot import mark_page, reloaded, wait_ready

        before = _rdf(self.data)
        mark_page(self.driver)
        act()  # type: ignore[operator]
        try:
            WebDriverWait(self.driver, 60).until(reloaded)
        except TimeoutException:
            raise SystemExit(f"the page was not read again after a write: {self.css('#status').text}") from None
        wait_ready(self.driver)
        status = self.css("#status")
        if "error" in (status.get_attribute("class") or ""):
            raise SystemExit(f"the workbench refused: {status.text}")
        after = _rdf(self.data)
        self.last_lines = sum(_added_lines(before.get(name, ""), text) for name, text in after.items())

    # --- the plan ---------------------------------------------------------------------------------------
    def entity(self, entity: Entity) -> None:
        self.click("#new-entity")
        self.dialog("#entity-dialog")
        self.choose("#f-type", text=entity.type)
        self.css("#f-label").clear()
        self.type("#f-label", entity.label)
        if entity.aliases:
            self.type("#f-aliases", entity.aliases)
        self.click("#entity-create")
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, 60).until(lambda d: self.css("#entity-proposal .created").text)
        self.written(lambda: self.click("#entity-cancel"))
        self.tally.rdf_lines += self.last_lines

    def accept(self) -> None:
        """``a``; when the candidate uses entities the extractor proposed, the page asks to add them to the
        registry: OK (one key; the terminal asks once per entity, Enter for yes)."""
        from selenium.common.exceptions import NoAlertPresentException
        from selenium.webdriver.common.alert import Alert
        from selenium.webdriver.support.ui import WebDriverWait

        from coi_graph.workbench.screenshot import reloaded

        self.key("a")  # the page is marked by written()

        def settled(driver: WebDriver) -> object:
            try:
                return driver.switch_to.alert
            except NoAlertPresentException:
                return reloaded(driver)  # read again: accepted without asking

        asked = WebDriverWait(self.driver, 60).until(settled)
        if isinstance(asked, Alert):
            entities = len([line for line in asked.text.splitlines() if line.startswith("- ")])
            self.tally.workbench["keys"] += 1
            self.tally.terminal["keys"] += entities
            self.tally.confirmed += entities
            asked.accept()

    def candidates(self, plan: Plan) -> None:
        from coi_graph.workbench.reader import Reader

        view = Reader(self.data).document(self.doc)
        for candidate in view.candidates:
            self.key("j")
            reason = next((why for part, why in plan.reject.items() if part in candidate.turtle), None)
            if reason is None:
                self.written(self.accept)
                self.tally.terminal["keys"] += 2  # a, Enter
                continue
            self.key("r")
            self.dialog("#reject-dialog")
            self.type("#f-reason", reason)
            self.written(lambda: self.key("\n"))
            self.tally.terminal["keys"] += 3  # r, Enter, Enter
            self.tally.terminal["fields typed"] += 1

    def add(self, added: Added) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        from coi_graph.workbench.screenshot import SELECT_WORDS

        if not self.driver.execute_script(SELECT_WORDS, added.words):
            raise SystemExit(f"not in the page: {added.words!r}")
        self.tally.workbench["selections"] += 1
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.body.dataset.span"))
        self.key("c")
        self.dialog("#edit-dialog")
        self.choose("#f-relation", value=added.relation)
        self.pick("subject", *added.subject)
        self.pick("object", *added.object)
        if added.modality != "stated":
            self.choose("#f-modality", value=added.modality)
        if added.start:
            self.type('#edit-form input[name="start"]', added.start)
        if added.attribution:
            self.pick("attributed_to", *added.attribution)
        self.written(lambda: self.click("#edit-claim"))
        self.tally.rdf_lines += self.last_lines

    def coverage(self) -> str:
        return self.css(".bar-progress").text


def _rdf(data: Path) -> dict[str, str]:
    return {str(p.relative_to(data)): p.read_text(encoding="utf-8") for folder in ("claims", "entities", "links")
            for p in sorted((data / folder).rglob("*")) if p.is_file()}  # fmt: skip


def _added_lines(before: str, after: str) -> int:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return sum(1 for line in diff if line.startswith("+") and not line.startswith("+++") and line.strip("+ "))


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _cli(*args: str) -> None:
    from click.testing import CliRunner

    from coi_graph.cli import main

    result = CliRunner().invoke(main, ["-q", *args])
    if result.exit_code:
        raise SystemExit(f"coi-graph {' '.join(args)}: exit {result.exit_code}\n{result.output}")


def curate(name: str, plan: Plan, devset: Path, folder: Path) -> list[str]:
    from coi_graph.workbench.reader import Reader
    from coi_graph.workbench.screenshot import chrome
    from coi_graph.workbench.server import Config, start

    data = folder / name / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("drafts"))
    before = {d.id for d in Reader(data).documents()}
    _cli("ingest", str(devset / plan.file), "--data", str(data), "--publisher", plan.publisher, "--date", plan.date)
    (doc,) = {d.id for d in Reader(data).documents()} - before
    _cli("extract", str(data / "documents" / f"{doc}.txt"), "--data", str(data), "-o",
         str(data / "drafts" / f"{doc}.trig"))  # fmt: skip
    view = Reader(data).document(doc)
    sentences = len(view.sentences)
    server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
    driver = chrome()
    try:
        driver.get(server.url)
        session = Session(driver, server.base, doc, data)
        session.open()
        begun = session.coverage()
        clock = time.monotonic()
        for entity in plan.entities:
            session.entity(entity)
        session.candidates(plan)
        for added in plan.added:
            session.add(added)
        wall = time.monotonic() - clock
        reached = session.coverage()
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
    _cli("build", "--data", str(data), "-o", str(folder / name / "build"))
    tally = session.tally
    accepted = len(view.candidates) - sum(1 for c in view.candidates if any(p in c.turtle for p in plan.reject))
    work = tally.workbench
    terminal = tally.terminal
    actions = sum(work.values())
    return [
        f"### {name}: {plan.file}",
        "",
        f"{sentences} sentences, {len(view.candidates)} candidates from `coi-graph extract`; coverage at the start "
        f"{begun!r}, at the end {reached!r}; `coi-graph build` exit 0.",
        "",
        "| | workbench (scripted, headless Chromium) | terminal `coi-graph review` today |",
        "|---|---|---|",
        f"| accept {accepted} | {2 * accepted} keys (`j`, `a`), OK to the question for those that use one of the "
        f"{tally.confirmed} entities the extractor proposed | {2 * accepted} keystrokes (`a`, Enter), Enter to the "
        "question for each entity the extractor proposed |",
        f"| reject {len(view.candidates) - accepted} | `j`, `r`, reason typed, Enter each | `r`, Enter, reason typed, "
        "Enter each |",
        f"| create {_count(len(plan.entities), 'entity', 'entities')}, add {_count(len(plan.added), 'claim')} | "
        "the forms | "
        f"not possible: {tally.rdf_lines} lines of RDF by hand (what the workbench wrote for them) |",
        f"| total | {actions} actions ({', '.join(f'{v} {k}' for k, v in sorted(work.items()))}) | "
        f"{terminal['keys']} keystrokes, {terminal['fields typed']} reasons typed, {tally.rdf_lines} lines of RDF |",
        f"| wall time of the scripted run | {wall:.1f} s | – |",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the dev set's docs/ folder")
    parser.add_argument("--documents", default=",".join(PLANS), help="which of the plans to run, by name")
    args = parser.parse_args()
    names = [n.strip() for n in args.documents.split(",") if n.strip()]
    unknown = [n for n in names if n not in PLANS]
    if unknown:
        raise SystemExit(f"no plan for {', '.join(unknown)}; plans: {', '.join(PLANS)}")
    if not args.devset.is_dir():
        raise SystemExit(f"no dev set at {args.devset}")
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            print(f"curating {name} …", file=sys.stderr)
            lines += curate(name, PLANS[name], args.devset, Path(scratch))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
