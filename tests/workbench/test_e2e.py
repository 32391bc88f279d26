"""The workbench end to end, in a real headless Chromium, through its page only (issue 17).

A dev-set news article (D10, ``../shared/devset/docs/``) goes through ``coi-graph ingest`` and ``coi-graph
extract`` into a copy of data/; the analyst then works in the page: a bad edit is refused with the message
under the field and no file changes; then accept one candidate, edit one (another object, picked by typing)
and accept it, reject one with a reason, create two entities (the article's publisher, and a new actor from
words selected in the text), add a claim from a selected span using the new actor, undo a throwaway
rejection. ``coi-graph build`` then exits 0 and the saved queries return the new claims with their quotes.
No RDF is written by the test: every triple comes from the extractor or from the page's forms.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from coi_graph.workbench.screenshot import SELECT_WORDS
from tests.conftest import Browser, run_cli

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset" / "docs"
D10 = "D10_abc7_2024-02-02_us_strikes_after_tower22.txt"
DOC_ID = "abc7-2024-02-02-drone-attack-jordan-strike-us-response"
TITLE = "Drone attack Jordan strike US response"
WAIT = 20


@dataclass
class Bench:
    data: Path
    base: str
    driver: WebDriver


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def bench(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    if not (DEVSET / D10).is_file():
        pytest.skip(f"the dev set is not here ({DEVSET}): the end-to-end test takes its document D10")
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from coi_graph.workbench.server import Config, start

    data = tmp_path_factory.mktemp("e2e") / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("drafts"))
    ingested = run_cli("ingest", str(DEVSET / D10), "--data", str(data), "--publisher", "ent:abc7",
                       "--date", "2024-02-02")  # fmt: skip
    assert ingested.exit_code == 0, ingested.output
    text = data / "documents" / f"{DOC_ID}.txt"
    extracted = run_cli("extract", str(text), "--data", str(data), "-o", str(data / "drafts" / f"{DOC_ID}.trig"))
    assert extracted.exit_code == 0, extracted.output
    server, _ = start(("127.0.0.1", 0), Config(data, reviewer="T. Tester"))
    options = webdriver.ChromeOptions()
    options.binary_location = browser.chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,800"):  # fmt: skip
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(browser.chromedriver), options=options)
    try:
        driver.get(server.url)  # the token, as a cookie
        yield Bench(data, server.base, driver)
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()


# --- driving the page -------------------------------------------------------------------------------------


def _wait(driver: WebDriver, condition: Any, timeout: float = WAIT) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _open(b: Bench) -> None:
    b.driver.get(f"{b.base}/doc/{DOC_ID}")
    _ready(b.driver)


def _ready(driver: WebDriver) -> None:
    _wait(driver, lambda d: d.execute_script(
        "return document.body.dataset.ready === 'yes' && document.body.dataset.schema === 'loaded'"))  # fmt: skip


def _css(driver: WebDriver, selector: str) -> WebElement:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def _keys(driver: WebDriver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(keys).perform()


def _after_write(driver: WebDriver, act: Any) -> None:
    """Do ``act``, then wait for the page to be read again (every write reloads it)."""
    from coi_graph.workbench.screenshot import mark_page, reloaded

    mark_page(driver)
    act()
    _wait(driver, reloaded)
    _ready(driver)


def _number(b: Bench, part: str) -> int:
    """The number of the one candidate whose triples hold ``part`` (so the test does not rest on the order)."""
    from coi_graph.workbench.reader import Reader

    found = [c.number for c in Reader(b.data).document(DOC_ID).candidates if part in c.turtle]
    assert len(found) == 1, (part, found)
    return found[0]


def _select_candidate(driver: WebDriver, number: int) -> None:
    _css(driver, f"#c-{number} .c-head").click()
    _wait(driver, lambda d: "selected" in _css(d, f"#c-{number}").get_attribute("class"))


def _pick(driver: WebDriver, name: str, typed: str, label: str) -> str:
    """Type into the picker of field ``name`` and choose the hit whose label starts with ``label``; its IRI."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = _css(driver, f'.entity-picker[data-name="{name}"]')
    text = box.find_element(By.CSS_SELECTOR, ".pick-text")
    text.send_keys(Keys.CONTROL, "a")
    text.send_keys(Keys.DELETE)
    text.send_keys(typed)
    hit = _wait(driver, lambda d: next((h for h in box.find_elements(By.CSS_SELECTOR, ".pick-hit")
                                        if h.find_element(By.CSS_SELECTOR, ".hit-label").text.startswith(label)),
                                       False))  # fmt: skip
    meta = hit.find_element(By.CSS_SELECTOR, ".hit-meta").text
    hit.click()
    chosen = box.find_element(By.CSS_SELECTOR, "input[type=hidden]").get_attribute("value")
    assert chosen, f"nothing chosen for {name}"
    assert box.find_element(By.CSS_SELECTOR, ".pick-chosen").text == meta  # its type and QID are shown
    return str(chosen)


def _field_error(driver: WebDriver, form: str, name: str) -> str:
    return str(_wait(driver, lambda d: _css(d, f'#{form} .field-error[data-for="{name}"]').text))


def _select_words(driver: WebDriver, words: str) -> None:
    assert driver.execute_script(SELECT_WORDS, words), words
    _wait(driver, lambda d: d.execute_script("return document.body.dataset.span"))
    shown = _css(driver, "#selection .sel-iri").text
    assert shown == f"“{words}”"  # the page's offsets give back the very words selected


def _create_entity(driver: WebDriver, type_label: str, label: str | None, aliases: str = "") -> str:
    from selenium.webdriver.support.ui import Select

    _css(driver, "#new-entity").click()
    _wait(driver, lambda d: _css(d, "#entity-dialog").get_attribute("open") is not None)
    Select(_css(driver, "#f-type")).select_by_visible_text(type_label)
    if label is not None:
        _css(driver, "#f-label").clear()
        _css(driver, "#f-label").send_keys(label)
    if aliases:
        _css(driver, "#f-aliases").send_keys(aliases)
    _css(driver, "#entity-create").click()
    created = _wait(driver, lambda d: _css(d, "#entity-proposal .created").text)
    _after_write(driver, lambda: _css(driver, "#entity-cancel").click())
    return str(created.split()[1])  # "Created ent:x in …"


# --- the tests --------------------------------------------------------------------------------------------


def test_a_bad_edit_is_shown_next_to_its_fields_and_changes_no_file(bench: Bench) -> None:
    driver = bench.driver
    _open(bench)
    before = _snapshot(bench.data)
    _select_candidate(driver, _number(bench, "coi:supports ent:iran-backed-militants"))
    _keys(driver, "e")
    _wait(driver, lambda d: _css(d, "#edit-dialog").get_attribute("open") is not None)
    assert _css(driver, '.entity-picker[data-name="subject"] .pick-text').get_attribute("value") == "Iran"
    _pick(driver, "object", "Tower 22", "Tower 22")  # a base cannot be supported
    _css(driver, "#f-end").send_keys("2024-01-01")  # before the start, 2024-01-28
    _css(driver, "#edit-accept").click()
    object_error = _field_error(driver, "edit-form", "object")
    end_error = _field_error(driver, "edit-form", "end")
    assert "Tower 22" in object_error and "not" in object_error
    assert "before the start" in end_error
    assert "invalid" in _css(driver, '#edit-form .field[data-field="object"]').get_attribute("class")
    assert _css(driver, '#edit-form .field-error[data-for="quote"]').text == ""
    assert _snapshot(bench.data) == before  # refused: nothing written
    _css(driver, "#edit-cancel").click()


def test_curate_a_dev_set_article_in_the_browser_then_build_and_query(bench: Bench, tmp_path: Path) -> None:
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select

    from coi_graph.namespaces import short

    driver = bench.driver
    _open(bench)

    strike, backed = _number(bench, "coi:target ent:syria"), _number(bench, "coi:supports ent:iran-backed-militants")
    likely, present = _number(bench, "coi:target ent:iran-backed-militants"), _number(bench, "coi:presentAt ent:jordan")

    # accept one: the strike on Syria, with the keys
    _select_candidate(driver, strike)
    _after_write(driver, lambda: _keys(driver, "a"))
    assert _css(driver, f"#c-{strike}").get_attribute("data-status") == "accepted"

    # edit one: Iran supports "Iran-backed militants", another object picked by typing, accepted as edited
    _select_candidate(driver, backed)
    _keys(driver, "e")
    _wait(driver, lambda d: _css(d, "#edit-dialog").get_attribute("open") is not None)
    militia = _pick(driver, "object", "Islamic Resistance", "Islamic Resistance in Iraq")
    _after_write(driver, lambda: _css(driver, "#edit-accept").click())
    assert _css(driver, f"#c-{backed}").get_attribute("data-status") == "accepted"

    # reject one, with the reason: the strike on the militants is only "likely"
    _select_candidate(driver, likely)
    _keys(driver, "r")
    _wait(driver, lambda d: _css(d, "#reject-dialog").get_attribute("open") is not None)
    _css(driver, "#f-reason").send_keys("the text says 'likely': not a claim of fact")
    _after_write(driver, lambda: _css(driver, "#reject-save").click())
    assert _css(driver, f"#c-{likely}").get_attribute("data-status") == "rejected"

    # accept one that uses an entity the extractor proposed: the page asks first; declined, nothing is written
    militias = _number(bench, "coi:supports ent:iran-backed-militias")
    _select_candidate(driver, militias)
    before = _snapshot(bench.data)
    _keys(driver, "a")
    asked = _wait(driver, expected_conditions.alert_is_present())
    assert "Iran-backed militias (non-state armed group)" in asked.text and "reviewed.ttl" in asked.text
    asked.dismiss()
    _wait(driver, lambda d: "registry lacks" in _css(d, "#status").text)
    assert _snapshot(bench.data) == before
    _keys(driver, "a")
    _after_write(driver, lambda: _wait(driver, expected_conditions.alert_is_present()).accept())
    assert _css(driver, f"#c-{militias}").get_attribute("data-status") == "accepted"
    assert "ent:iran-backed-militias a coi:NonStateArmedGroup" in (bench.data / "entities" / "reviewed.ttl").read_text()

    # undo, of a throwaway rejection
    _select_candidate(driver, present)
    _keys(driver, "r")
    _wait(driver, lambda d: _css(d, "#reject-dialog").get_attribute("open") is not None)
    _css(driver, "#f-reason").send_keys("by mistake")
    _after_write(driver, lambda: _css(driver, "#reject-save").click())
    assert _css(driver, f"#c-{present}").get_attribute("data-status") == "rejected"
    _after_write(driver, lambda: _css(driver, "#undo").click())
    assert _css(driver, f"#c-{present}").get_attribute("data-status") == "pending"
    assert "undid the reject" in _css(driver, "#status").text

    # create entities: the article's publisher, and the actor the last sentence names
    publisher = _create_entity(driver, "media outlet", "ABC7", "ABC 7")
    assert publisher == "ent:abc7"
    words = "U.S. Army and Air Force personnel"
    _select_words(driver, words)
    personnel = _create_entity(driver, "armed force", None, "US Army and Air Force personnel")
    assert personnel.startswith("ent:u-s-army")

    # add a claim from a selected span, with the new entity
    covered = _css(driver, ".bar-progress").text
    span = "approximately 350 U.S. Army and Air Force personnel deployed to the base"
    _select_words(driver, span)
    _keys(driver, "c")
    _wait(driver, lambda d: _css(d, "#edit-dialog").get_attribute("open") is not None)
    assert _css(driver, "#f-quote").get_attribute("value") == span
    Select(_css(driver, "#f-relation")).select_by_value("coi:stationedAt")
    _pick(driver, "subject", "Army and Air Force", words)
    _pick(driver, "object", "Tower 22", "Tower 22")
    _css(driver, "#f-start").send_keys("2024-02-02")
    _after_write(driver, lambda: _css(driver, "#edit-claim").click())
    assert "add claim" in _css(driver, "#status").text
    assert _css(driver, ".bar-progress").text != covered  # the coverage moved
    claims = [c.get_attribute("data-iri") for c in driver.find_elements("css selector", "li.claim")]
    assert len(claims) == 4, claims  # accepted 3, added 1

    # the build takes it, and the saved queries return the claims with their quotes
    out = tmp_path / "build"
    built = run_cli("build", "--data", str(bench.data), "-o", str(out))
    assert built.exit_code == 0, built.output

    def query(name: str, *params: str) -> list[dict[str, str]]:
        args = [f"--param={p}" for p in params]
        result = run_cli("query", "run", name, *args, "--build", str(out), "--format", "csv")
        assert result.exit_code == 0, result.output
        return list(csv.DictReader(io.StringIO(result.output)))

    presence = query("presence", f"actor={personnel}")
    assert [(r["location_label"], r["quote"]) for r in presence] == [("Tower 22", span)]
    assert presence[0]["document"] == TITLE
    profile = query("profile", f"entity={short(militia)}")
    quotes = {r["quote"] for r in profile}
    assert any(q.startswith("The U.S. on Friday began to carry out retaliatory strikes") for q in quotes), profile
    syria = query("profile", "entity=ent:syria")
    assert any(r["document"] == TITLE and r["quote"].startswith("The U.S. on Friday") for r in syria)


def test_a_claim_added_in_a_footnoted_report_carries_its_footnote_to_the_queries(bench: Bench, tmp_path: Path) -> None:
    """The seed report (numbered footnotes) in the same workbench: a claim added from words of a sentence that
    ends with marker 544 carries footnote 544, and ``footnote-claims`` returns it with the footnote's text."""
    from selenium.webdriver.support.ui import Select

    euaa = "euaa-2025-03-syria-country-focus"
    span = "strikes by the US-led coalition on ISIL targets"
    driver = bench.driver
    driver.get(f"{bench.base}/doc/{euaa}")
    _ready(driver)
    _select_words(driver, span)
    _keys(driver, "c")
    _wait(driver, lambda d: _css(d, "#edit-dialog").get_attribute("open") is not None)
    assert "544" in _css(driver, "#edit-span").text  # the footnote, filled in from the sentence's marker
    Select(_css(driver, "#f-relation")).select_by_value("coi:fights")
    _pick(driver, "subject", "US-led coalition", "US-led Global Coalition")
    _pick(driver, "object", "ISIL", "Islamic State (ISIL)")
    _after_write(driver, lambda: _css(driver, "#edit-claim").click())
    assert "add claim" in _css(driver, "#status").text

    out = tmp_path / "build"
    built = run_cli("build", "--data", str(bench.data), "-o", str(out))
    assert built.exit_code == 0, built.output
    result = run_cli("query", "run", "footnote-claims", "--param=footnote=544", f"--param=document=doc:{euaa}",
                     "--build", str(out), "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [r for r in csv.DictReader(io.StringIO(result.output)) if r["quote"] == span]
    assert len(rows) == 1, result.output
    assert rows[0]["footnote_text"].strip()
