"""The screenshot of the workbench in docs/img/workbench.png: ``python -m coi_graph.workbench.screenshot``.

It copies the data directory to a temporary folder, makes the draft of a seed document there with the
extractor (as ``coi-graph extract`` does), serves the copy on a free loopback port, opens the document in
headless Chromium at 1280×800 (Debian's chromium and chromium-driver, and selenium from the test
dependencies), selects the second candidate with ``j`` ``j`` and saves the page. Nothing in ``data/``
changes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from coi_graph.workbench.server import Config, start

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

DOCUMENT = "euaa-2025-03-syria-country-focus-s3.4.txt"
SIZE = (1280, 800)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coi_graph.workbench.screenshot", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data directory to copy")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/img/workbench.png"))
    args = parser.parse_args(argv)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(args.data, data)
        doc_id = make_draft(data).stem
        server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
        driver = chrome()
        try:
            driver.get(server.url)  # sets the token's cookie
            driver.get(f"{server.base}/doc/{doc_id}")
            WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.candidate"))
            body = driver.find_element(By.TAG_NAME, "body")
            for key in "jjj":
                body.send_keys(key)
            driver.find_element(By.CSS_SELECTOR, "span.sentence.evidence").click()  # its IRI in the panel
            args.output.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.output))
        finally:
            driver.quit()
            server.shutdown()
            server.server_close()
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
