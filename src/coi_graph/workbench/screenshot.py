"""The screenshots of the workbench in docs/img/: ``python -m coi_graph.workbench.screenshot``. A dev tool.

It copies the data directory to a temporary folder and serves the copy on a free loopback port in headless
Chromium at 1280×800 (Debian's chromium and chromium-driver, and selenium from the test dependencies).
Nothing in ``data/`` changes.

With the dev set at hand (``--devset``, by default ``../shared/devset/docs``), it takes the news article D10
through ``coi-graph ingest`` and ``coi-graph extract`` in the copy, creates its publisher (ABC7) as the
workbench would, and saves three pages: ``workbench.png`` (the text and its candidates, the second
selected), ``workbench-edit.png`` (a refused edit, each violation under its field) and
``workbench-span.png`` (a claim being added from words selected in the text, an entity being picked).
Without the dev set (the product never needs it) it says so and saves the first page of a seed document.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

from coi_graph.workbench.server import Config, start

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

DOCUMENT = "euaa-2025-03-syria-country-focus-s3.4.txt"
SIZE = (1280, 800)
DEVSET = Path("../shared/devset/docs")
D10 = "D10_abc7_2024-02-02_us_strikes_after_tower22.txt"
D10_ID = "abc7-2024-02-02-drone-attack-jordan-strike-us-response"

# Selects the words ``arguments[0]`` in the page's text, as a user's drag does: a range over the text nodes of
# the passage that holds them.
SELECT_WORDS = """
const needle = arguments[0];
for (const p of document.querySelectorAll('p.passage')) {
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n); }
  const text = nodes.map((n) => n.nodeValue).join('');
  const at = text.indexOf(needle);
  if (at < 0) { continue; }
  const point = (offset) => {
    let seen = 0;
    for (const n of nodes) {
      if (offset <= seen + n.nodeValue.length) { return [n, offset - seen]; }
      seen += n.nodeValue.length;
    }
  };
  const [a, aa] = point(at);
  const [b, bb] = point(at + needle.length);
  const range = document.createRange();
  range.setStart(a, aa);
  range.setEnd(b, bb);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}
return false;
"""


def ingest_d10(data_dir: Path, devset: Path) -> str:
    """D10 of the dev set in ``data_dir``: ingested, its draft extracted, its publisher created; its id."""
    from coi_graph.cli import main as cli
    from coi_graph.workbench.actions import Workbench

    for args in (["ingest", str(devset / D10), "--data", str(data_dir), "--publisher", "ent:abc7", "--date",
                  "2024-02-02"],
                 ["extract", str(data_dir / "documents" / f"{D10_ID}.txt"), "--data", str(data_dir), "-o",
                  str(data_dir / "drafts" / f"{D10_ID}.trig")]):  # fmt: skip
        try:
            cli(["-q", *args], standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                raise
    Workbench(data_dir, "A. Analyst", cache_dir=None).create_entity("media outlet", "ABC7", ["ABC 7"])
    return D10_ID


def make_draft(data_dir: Path, document: str = DOCUMENT) -> Path:
    """``data_dir/drafts/<document id>.trig`` from the extractor, as ``coi-graph extract`` writes it."""
    from coi_graph.extract import draft, gazetteer
    from coi_graph.extract.candidates import Extractor
    from coi_graph.extract.source import open_source
    from coi_graph.fsutil import atomic_write

    source = open_source(data_dir / "documents" / document, data_dir)
    extractor = Extractor(source.doc, source.parsed, gazetteer.load(data_dir))
    candidates = extractor.run()
    for index, candidate in enumerate(candidates, start=1):
        candidate.number = index
    target = data_dir / "drafts" / f"{str(source.doc).rsplit('/', 1)[-1]}.trig"
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as handle:
        handle.write(draft.render(source.doc, candidates, source=str(source.path), draft=str(target),
                                  proposed=extractor.proposed_graph(candidates)))  # fmt: skip
    return target


def chrome(size: tuple[int, int] = SIZE) -> WebDriver:
    """A headless Chromium of the given window size (selenium's driver)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        raise SystemExit("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     f"--window-size={size[0]},{size[1]}", "--force-device-scale-factor=1"):  # fmt: skip
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(driver), options=options)
    # the page itself at exactly that size (the window's size includes what a headless window keeps of its frame)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})  # fmt: skip
    return browser


def wait_ready(driver: WebDriver) -> None:
    """Wait until the page has loaded its schema and is ready for keys."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return document.body.dataset.ready === 'yes' && document.body.dataset.schema === 'loaded'"))  # fmt: skip


MARK = "return window.coiGraphBefore === undefined"


def mark_page(driver: WebDriver) -> None:
    """Mark the page now shown, so that :func:`reloaded` can tell when another has replaced it."""
    driver.execute_script("window.coiGraphBefore = true;")


def reloaded(driver: WebDriver) -> bool:
    """Whether the page marked by :func:`mark_page` has been replaced (the workbench reloads after every
    write). Asked of the new page's window, not of an element of the old one: chromedriver answers an
    element of a page being replaced with an inspector error rather than "stale", now and then."""
    from selenium.common.exceptions import WebDriverException

    try:
        return bool(driver.execute_script(MARK + " && document.readyState === 'complete'"))
    except WebDriverException:  # in the middle of the navigation: ask again
        return False


def pick_entity(driver: WebDriver, name: str, typed: str, label: str | None) -> None:
    """Type into an entity picker; choose the hit whose label starts with ``label`` (None: leave the list open)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.CSS_SELECTOR, f'.entity-picker[data-name="{name}"]')
    text = box.find_element(By.CSS_SELECTOR, ".pick-text")
    text.clear()
    text.send_keys(typed)
    wanted = label or ""
    hit = WebDriverWait(driver, 20).until(lambda d: next((h for h in box.find_elements(By.CSS_SELECTOR, ".pick-hit")
                                                          if h.text.startswith(wanted)), False))  # fmt: skip
    if label is not None:
        cast("WebElement", hit).click()


def devset_shots(driver: WebDriver, base: str, doc_id: str, folder: Path) -> list[Path]:
    """The three pages of the workbench on D10 (see the module's doc)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    def css(selector: str) -> WebElement:
        return driver.find_element(By.CSS_SELECTOR, selector)

    def keys(text: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(driver).send_keys(text).perform()

    def dialog_open(selector: str) -> None:
        WebDriverWait(driver, 20).until(lambda d: css(selector).get_attribute("open") is not None)

    made = [folder / "workbench.png", folder / "workbench-edit.png", folder / "workbench-span.png"]
    driver.get(f"{base}/doc/{doc_id}")
    wait_ready(driver)
    keys("jj")
    driver.save_screenshot(str(made[0]))

    css("#c-4 .c-head").click()  # Iran supports Iran-backed militants: a base as the object, an end before the start
    keys("e")
    dialog_open("#edit-dialog")
    pick_entity(driver, "object", "Tower 22", "Tower 22")
    css("#f-end").send_keys("2024-01-01")
    css("#edit-accept").click()
    WebDriverWait(driver, 20).until(lambda d: css('#edit-form .field-error[data-for="end"]').text)
    driver.save_screenshot(str(made[1]))
    css("#edit-cancel").click()

    assert driver.execute_script(SELECT_WORDS, "approximately 350 U.S. Army and Air Force personnel deployed to "
                                               "the base"), "the words are not in the page"  # fmt: skip
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.span"))
    keys("c")
    dialog_open("#edit-dialog")
    Select(css("#f-relation")).select_by_value("coi:stationedAt")
    pick_entity(driver, "subject", "U.S. troops", "")
    pick_entity(driver, "object", "Tower", None)
    driver.save_screenshot(str(made[2]))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coi_graph.workbench.screenshot", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data directory to copy")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the dev set's documents (D10 is taken)")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/img/workbench.png"))
    args = parser.parse_args(argv)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    devset = (args.devset / D10).is_file()
    if not devset:
        print(f"no dev set at {args.devset} (no {D10}): the screenshot shows the seed document {DOCUMENT} "
              "instead; give --devset DIR for the three pages on D10", file=sys.stderr)  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(args.data, data, ignore=shutil.ignore_patterns("drafts"))
        doc_id = ingest_d10(data, args.devset) if devset else make_draft(data).stem
        server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
        driver = chrome()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        try:
            driver.get(server.url)  # sets the token's cookie
            if devset:
                made = devset_shots(driver, server.base, doc_id, args.output.parent)
            else:
                driver.get(f"{server.base}/doc/{doc_id}")
                WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.candidate"))
                body = driver.find_element(By.TAG_NAME, "body")
                for key in "jjj":
                    body.send_keys(key)
                driver.find_element(By.CSS_SELECTOR, "span.sentence.evidence").click()  # its IRI in the panel
                driver.save_screenshot(str(args.output))
                made = [args.output]
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    for path in made:
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
