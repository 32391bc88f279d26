"""The workbench's web server (`coi-graph review --web`) against a real server on loopback: the Host check,
the token, writes refused from other sites or without the token (files unchanged), the security headers and
escaping of a hostile label on every page, the write actions wired, and the page in headless Chromium."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coi_graph.workbench.server import CSP, Config, WorkbenchServer, start
from tests.conftest import DATA, Browser, run_cli

EUAA = "euaa-2025-03-syria-country-focus"
NEWS = "newsaz-2025-10-20-iraq-us-advisers"
HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _data(target: Path) -> Path:
    """A copy of data/ with the EUAA section's draft, and a hostile label on the SDF and a document."""
    shutil.copytree(DATA, target)
    draft = target / "drafts" / f"{EUAA}.trig"
    draft.parent.mkdir()
    result = run_cli("extract", str(target / "documents" / f"{EUAA}-s3.4.txt"), "--data", str(target), "-o", str(draft))
    assert result.exit_code == 0, result.output
    actors = target / "entities" / "actors.ttl"
    text = actors.read_text(encoding="utf-8")
    assert 'skos:prefLabel "Syrian Democratic Forces"@en' in text
    actors.write_text(text.replace('skos:prefLabel "Syrian Democratic Forces"@en', f'skos:prefLabel "{HOSTILE}"@en'))
    meta = target / "documents" / f"{NEWS}.ttl"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        'coi:language "en" .', f'coi:language "en" ;\n    coi:title "{HOSTILE} Iraq" .'), encoding="utf-8")  # fmt: skip
    return target


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkbenchServer]:
    data = _data(tmp_path_factory.mktemp("workbench") / "data")
    server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
    yield server
    server.shutdown()
    server.server_close()


def _request(server: WorkbenchServer, method: str, path: str, *, headers: dict[str, str] | None = None,
             body: bytes | None = None, token: bool = True) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    connection = http.client.HTTPConnection(*server.bound, timeout=30)
    sent = {"Host": f"127.0.0.1:{server.bound[1]}"}
    if token:
        sent["X-COI-Graph-Token"] = server.config.token
    sent.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _post(server: WorkbenchServer, path: str, payload: object, **headers: str) -> tuple[int, dict[str, object]]:
    token = headers.pop("token", "yes") == "yes"
    sent = {"Content-Type": "application/json", **{k.replace("_", "-"): v for k, v in headers.items()}}
    status, _, body = _request(server, "POST", path, headers=sent, body=json.dumps(payload).encode(), token=token)
    return status, json.loads(body)


def _files(server: WorkbenchServer) -> dict[str, bytes]:
    root = server.config.data_dir
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_host_header_must_name_the_server(served: WorkbenchServer) -> None:
    port = served.bound[1]
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.nip.io:{port}", "", f"127.0.0.1:{port + 1}"):
        status, _, body = _request(served, "GET", "/", headers={"Host": host})
        assert status == 403 and b"does not answer to the name" in body, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert _request(served, "GET", "/", headers={"Host": host})[0] == 200, host


def test_only_the_token_opens_the_pages_and_the_printed_url_sets_it(served: WorkbenchServer) -> None:
    for path in ("/", f"/doc/{EUAA}", f"/api/doc/{EUAA}", "/api/entities?q=sdf", "/api/docs"):
        status, _, body = _request(served, "GET", path, token=False)
        assert status == 403 and b"token" in body, path
    assert _request(served, "GET", "/", token=False, headers={"X-COI-Graph-Token": "guess"})[0] == 403
    assert _request(served, "GET", "/?token=guess", token=False)[0] == 403
    assert served.url == f"http://127.0.0.1:{served.bound[1]}/?token={served.config.token}"
    status, headers, _ = _request(served, "GET", f"/doc/{EUAA}?token={served.config.token}", token=False)
    assert status == 303 and headers["location"] == f"/doc/{EUAA}"
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"{served.cookie_name}={served.config.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, _, body = _request(served, "GET", f"/doc/{EUAA}", token=False, headers={"Cookie": cookie.split(";")[0]})
    assert status == 200 and b'class="sentence' in body
    assert _request(served, "GET", "/static/workbench.js", token=False)[0] == 200  # the page's code is no secret
    assert _request(served, "GET", "/static/../model.py", token=False)[0] == 404


def test_writes_from_another_site_or_without_the_token_are_refused_and_change_nothing(served: WorkbenchServer) -> None:
    before = _files(served)
    path = f"/api/candidate/{EUAA}/1/accept"
    origin = f"http://127.0.0.1:{served.bound[1]}"
    refusals = [
        _post(served, path, {}, token="no"),
        _post(served, path, {}, token="no", Origin=origin),
        _post(served, path, {}, Origin="http://evil.example"),
        _post(served, path, {}, Origin="null"),
        _post(served, path, {}, Sec_Fetch_Site="cross-site"),
        _post(served, path, {}, Sec_Fetch_Site="same-site"),
        _post(served, "/api/undo", {}, Origin="http://evil.example"),
    ]
    for status, answer in refusals:
        assert status == 403 and str(answer["error"]).startswith("refused"), answer
    status, _, _ = _request(served, "POST", path, headers={"Content-Type": "application/x-www-form-urlencoded"},
                            body=b"a=1")  # fmt: skip
    assert status == 415
    assert _files(served) == before


def test_every_page_has_the_policy_and_escapes_a_hostile_label(served: WorkbenchServer) -> None:
    pages = ["/", f"/doc/{EUAA}", f"/doc/{NEWS}", "/doc/no-such-doc", "/nowhere"]
    shown = 0
    for path in pages:
        status, headers, body = _request(served, "GET", path)
        page = body.decode("utf-8")
        assert status in (200, 404), path
        assert headers["content-security-policy"] == CSP and "'unsafe-inline'" not in CSP
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert HOSTILE not in page, path
        shown += page.count(ESCAPED)
        assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/workbench.js" defer>'], path
        assert not re.search(r"\son[a-z]+=|\sstyle=|javascript:", page), path
    assert shown >= 3  # the list's title, the news article's title, the SDF in the EUAA page
    for path in (f"/api/doc/{EUAA}", f"/api/doc/{NEWS}", "/api/entities?q=script", "/api/docs"):
        status, headers, body = _request(served, "GET", path)
        assert status == 200 and headers["content-type"].startswith("application/json")
        assert b"<script>" not in body and json.loads(body), path
    hits = json.loads(_request(served, "GET", "/api/entities?q=alert")[2])["hits"]
    assert hits[0]["label"] == HOSTILE and hits[0]["iri"].endswith("/sdf")


def test_entity_search_endpoint(served: WorkbenchServer) -> None:
    answer = json.loads(_request(served, "GET", "/api/entities?q=Julani&limit=5")[2])
    assert answer["hits"][0]["iri"].endswith("/ahmad-al-sharaa") and answer["hits"][0]["alias"] == "al-Julani"
    answer = json.loads(_request(served, "GET", "/api/entities?q=Hasaka&type=city")[2])
    assert [h["type"] for h in answer["hits"]] == ["city"]
    assert _request(served, "GET", "/api/entities?q=x&limit=many")[0] == 400


def test_the_write_keys_accept_reject_and_undo_through_the_actions(tmp_path: Path) -> None:
    data = _data(tmp_path / "data")
    server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
    try:
        claims = data / "claims" / f"{EUAA}-s3.4.trig"
        filed = claims.read_text(encoding="utf-8")
        status, answer = _post(server, f"/api/candidate/{EUAA}/2/accept", {"edits": {}})
        assert status == 200 and answer["ok"] and answer["claims"], answer
        assert claims.read_text(encoding="utf-8").startswith(filed) and "A. Analyst" in claims.read_text()
        status, answer = _post(server, f"/api/candidate/{EUAA}/1/reject", {"reason": ""})
        assert status == 422 and answer["violations"][0]["field"] == "reason"
        status, answer = _post(server, f"/api/candidate/{EUAA}/1/reject", {"reason": "a cross-reference"})
        assert status == 200 and answer["ok"]
        view = json.loads(_request(server, "GET", f"/api/doc/{EUAA}")[2])
        assert [c["status"] for c in view["candidates"][:2]] == ["rejected", "accepted"]
        assert _post(server, "/api/undo", {})[0] == 200
        view = json.loads(_request(server, "GET", f"/api/doc/{EUAA}")[2])
        assert view["candidates"][0]["status"] == "pending"
        status, answer = _post(server, f"/api/candidate/{EUAA}/3/accept", {"edits": {"object": 5}})
        assert status == 400
    finally:
        server.shutdown()
        server.server_close()
    # without a reviewer the page is read-only and says why
    anonymous, _ = start(("127.0.0.1", 0), Config(data))
    try:
        status, answer = _post(anonymous, f"/api/candidate/{EUAA}/3/accept", {"edits": {}})
        assert status == 403 and "--reviewer" in str(answer["error"])
        page = _request(anonymous, "GET", f"/doc/{EUAA}")[2].decode()
        assert 'data-writable="no"' in page and "--reviewer NAME" in page
    finally:
        anonymous.shutdown()
        anonymous.server_close()


def test_review_web_refuses_a_draft_file_and_a_bad_allowed_host(tmp_path: Path) -> None:
    result = run_cli("review", "draft.trig", "--web", "--data", str(DATA))
    assert result.exit_code == 2 and "give no DRAFT_FILE" in result.output
    result = run_cli("review", "--web", "--data", str(DATA), "--allowed-host", "a/b", "--bind", "127.0.0.1:0")
    assert result.exit_code == 2 and "--allowed-host" in result.output
    result = run_cli("review", "--data", str(DATA))
    assert result.exit_code == 2 and "DRAFT_FILE" in result.output
    result = run_cli("review", str(tmp_path / "d.trig"), "--data", str(DATA))
    assert result.exit_code == 2 and "--reviewer" in result.output


@pytest.mark.skipif(sys.platform != "linux", reason="Debian chromium")
def test_the_document_page_in_headless_chromium(served: WorkbenchServer, browser: Browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from coi_graph.workbench.screenshot import chrome

    view = served.workbench.document(EUAA)
    driver = chrome((1280, 800))
    try:
        driver.get(served.url)
        driver.get(f"{served.base}/doc/{EUAA}")
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.candidate"))
        sentences = driver.find_elements(By.CSS_SELECTOR, "span.sentence")
        assert [s.get_attribute("data-iri") for s in sentences] == [s.iri for s in view.sentences]
        assert sentences[0].get_attribute("title") == view.sentences[0].iri  # the IRI on hover
        mentions = driver.find_elements(By.CSS_SELECTOR, "mark.mention[data-entity]")
        assert len(mentions) == sum(1 for m in view.mentions if m.entity)
        assert driver.find_elements(By.CSS_SELECTOR, "mark.mention.kind-new")
        assert "541" in [a.text for a in driver.find_elements(By.CSS_SELECTOR, "sup.marker a")]
        candidates = driver.find_elements(By.CSS_SELECTOR, "li.candidate")
        assert len(candidates) == len(view.candidates)

        def selected() -> list[str | None]:
            return [
                c.get_attribute("data-number") for c in driver.find_elements(By.CSS_SELECTOR, "li.candidate.selected")
            ]

        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        assert selected() == ["1"]
        body.send_keys("j")
        assert selected() == ["2"]
        evidence = [
            s.get_attribute("data-iri") for s in driver.find_elements(By.CSS_SELECTOR, "span.sentence.evidence")
        ]
        assert evidence == view.candidates[1].evidence.sentences
        body.send_keys("k")
        assert selected() == ["1"]
        sentences[3].click()  # its IRI in the selection panel
        assert view.sentences[3].iri in driver.find_element(By.ID, "selection").text
        assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == [1280, 800]
        # the text and the panels fit side by side and scroll apart
        text, side = driver.find_element(By.ID, "text"), driver.find_element(By.CSS_SELECTOR, "aside.side")
        assert text.rect["x"] + text.rect["width"] <= side.rect["x"] + 1 and side.rect["x"] + side.rect["width"] <= 1280
        shot = tmp_path / "workbench.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 50_000
        # a hostile label comes back from the entity finder as text, in the finder and in a form's picker
        scripts = len(driver.find_elements(By.TAG_NAME, "script"))
        ActionChains(driver).send_keys("/").perform()  # opens the finder, focused
        ActionChains(driver).send_keys("SDF").perform()
        WebDriverWait(driver, 20).until(
            lambda d: any(HOSTILE in h.text for h in d.find_elements(By.CSS_SELECTOR, "#entity-hits li"))
        )
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        ActionChains(driver).send_keys("e").perform()  # the edit form of candidate 1, its object picker
        picker = driver.find_element(By.CSS_SELECTOR, '.entity-picker[data-name="object"] .pick-text')
        WebDriverWait(driver, 20).until(lambda d: picker.is_displayed())
        picker.clear()
        picker.send_keys("SDF")
        WebDriverWait(driver, 20).until(
            lambda d: any(HOSTILE in h.text for h in d.find_elements(By.CSS_SELECTOR, ".pick-hit"))
        )
        assert len(driver.find_elements(By.TAG_NAME, "script")) == scripts  # shown as text, never run
    finally:
        driver.quit()


NEW_NAMES = (
    "Fighting near Raqqa\n\nThe Black Banner Battalion attacked positions of the Syrian Democratic Forces near Raqqa on "
    "3 March 2025, local residents said.\n"
)


def _ingested(tmp_path: Path) -> tuple[Path, str]:
    """A copy of data/ with the short article of NEW_NAMES taken in by ``coi-graph ingest``; its id."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = tmp_path / "raqqa.txt"
    text.write_text(NEW_NAMES, encoding="utf-8")
    ingested = run_cli("-q", "ingest", str(text), "--data", str(data), "--publisher", "ent:hurriyet-daily-news",
                       "--date", "2025-03-04", "--title", "Fighting near Raqqa")  # fmt: skip
    assert ingested.exit_code == 0, ingested.output
    doc = "hurriyet-daily-news-2025-03-04-fighting-near-raqqa"
    assert (data / "documents" / f"{doc}.txt").is_file()
    return data, doc


def test_clicking_a_new_name_opens_the_entity_form_and_creates_it(browser: Browser, tmp_path: Path) -> None:
    """A name the registry does not know is marked as new; a click on it opens the entity form with the name as
    the label; once created, the page shows the same words as a mention of the new entity."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from coi_graph.workbench.screenshot import chrome, mark_page, reloaded

    data, doc = _ingested(tmp_path)
    server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
    driver = chrome((1280, 800))
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(server.url)
        driver.get(f"{server.base}/doc/{doc}")
        wait.until(lambda d: d.execute_script("return document.body.dataset.schema === 'loaded'"))
        new = {m.text: m for m in driver.find_elements(By.CSS_SELECTOR, "mark.mention.kind-new")}
        assert "Black Banner Battalion" in new, list(new)
        assert not new["Black Banner Battalion"].get_attribute("data-entity")
        new["Black Banner Battalion"].click()
        dialog = driver.find_element(By.ID, "entity-dialog")
        wait.until(lambda d: dialog.get_attribute("open") is not None)
        assert driver.find_element(By.ID, "f-label").get_attribute("value") == "Black Banner Battalion"
        Select(driver.find_element(By.ID, "f-type")).select_by_visible_text("non-state armed group")
        driver.find_element(By.ID, "entity-create").click()
        created = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#entity-proposal .created").text)
        assert created.startswith("Created ent:black-banner-battalion"), created
        mark_page(driver)
        driver.find_element(By.ID, "entity-cancel").click()
        wait.until(reloaded)
        wait.until(lambda d: d.execute_script("return document.body.dataset.schema === 'loaded'"))
        marks = [m for m in driver.find_elements(By.CSS_SELECTOR, "mark.mention") if m.text == "Black Banner Battalion"]
        assert [m.get_attribute("data-entity") for m in marks] == [
            "https://w3id.org/coi-graph/id/entity/black-banner-battalion"
        ]
        assert "kind-new" not in (marks[0].get_attribute("class") or "")
        reviewed = (data / "entities" / "reviewed.ttl").read_text(encoding="utf-8")
        assert "ent:black-banner-battalion a coi:NonStateArmedGroup" in reviewed
        assert 'skos:prefLabel "Black Banner Battalion"@en' in reviewed
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()


def test_a_new_entity_gets_wikidata_proposals_from_the_service_only_with_allow_network(
    tmp_path: Path, httpserver: object
) -> None:
    """``review --web --allow-network`` reaches the reconciliation service (a local fake of Wikidata here); the
    match stays a proposal (``coi:LinkCandidate``). Without the flag only the cache is read."""
    from rdflib import Graph

    from coi_graph.namespaces import ENT
    from coi_graph.vocab import COI
    from tests.link.test_link import FakeWikidata

    wikidata = FakeWikidata(httpserver)  # type: ignore[arg-type]
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    offline, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst", cache_dir=tmp_path / "cache",
                                                endpoint=wikidata.endpoint, api=wikidata.api))  # fmt: skip
    try:
        status, answer = _post(offline, "/api/entity", {"type": "governorate", "label": "Raqqa Province"})
        assert status == 200 and answer["proposals"] == [] and "not in the cache" in str(answer["notes"])
        assert _post(offline, "/api/undo", {})[0] == 200
    finally:
        offline.shutdown()
        offline.server_close()
    assert not wikidata.requests
    online, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst", cache_dir=tmp_path / "cache",
                                               allow_network=True, endpoint=wikidata.endpoint, api=wikidata.api))  # fmt: skip
    try:
        status, answer = _post(online, "/api/entity", {"type": "governorate", "label": "Raqqa Province"})
    finally:
        online.shutdown()
        online.server_close()
    assert status == 200 and wikidata.requests
    proposals = answer["proposals"]
    assert isinstance(proposals, list) and proposals and {p["status"] for p in proposals} == {"candidate"}
    links = Graph().parse(data / "links" / "wikidata.ttl", format="turtle")
    made = list(links.subjects(COI.linkOf, ENT["raqqa-province"]))
    assert made and all((s, COI.linkStatus, COI.LinkCandidate) in links for s in made)


def test_review_web_passes_its_options_to_the_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coi_graph.workbench import server

    seen: list[Config] = []
    monkeypatch.setattr(server, "run", lambda config, bind, open_browser=False: seen.append(config))
    result = run_cli("review", "--web", "--data", str(DATA), "--reviewer", "A. Analyst", "--allow-network",
                     "--cache", str(tmp_path / "c"), "--date", "2026-12-08")  # fmt: skip
    assert result.exit_code == 0, result.output
    (config,) = seen
    assert config.allow_network and config.cache_dir == tmp_path / "c" and str(config.day) == "2026-12-08"
    seen.clear()
    assert run_cli("review", "--web", "--data", str(DATA), "--reviewer", "A. Analyst").exit_code == 0
    assert not seen[0].allow_network and seen[0].day is None


def test_x_records_nothing_to_claim_for_the_chosen_sentence(browser: Browser, tmp_path: Path) -> None:
    """A sentence with a new name and two registry entities needs a claim; ``n`` chooses it, ``x`` asks why,
    and the reason saved makes the coverage complete, the decision kept in data/drafts/."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from coi_graph.workbench.screenshot import chrome, mark_page, reloaded, wait_ready

    data, doc = _ingested(tmp_path)
    server, _ = start(("127.0.0.1", 0), Config(data, reviewer="A. Analyst"))
    driver = chrome((1280, 800))
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(server.url)
        driver.get(f"{server.base}/doc/{doc}")
        wait_ready(driver)
        assert "0/1 sentences that need a claim" in driver.find_element(By.CSS_SELECTOR, ".bar-progress").text
        ActionChains(driver).send_keys("n").perform()
        chosen = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "span.sentence.chosen"))
        assert chosen.get_attribute("data-state") == "left"
        ActionChains(driver).send_keys("x").perform()
        wait.until(lambda d: d.find_element(By.ID, "nothing-dialog").get_attribute("open") is not None)
        reason = wait.until(lambda d: d.switch_to.active_element if d.switch_to.active_element.get_attribute(
            "id") == "f-nothing-reason" else None)  # fmt: skip
        reason.send_keys("\n")  # no reason: refused, said under the field
        wait.until(lambda d: "say why" in d.find_element(By.ID, "nothing-form").text)
        assert not (data / "drafts").exists()
        mark_page(driver)
        reason.send_keys("local residents' account, no actor named\n")
        wait.until(reloaded)
        wait_ready(driver)
        assert "1 nothing to claim (100%)" in driver.find_element(By.CSS_SELECTOR, ".bar-progress").text
        sentence = driver.find_element(By.CSS_SELECTOR, "span.sentence.state-nothing")
        assert sentence.get_attribute("data-nothing").startswith("local residents' account, no actor named (A. An")
        saved = (data / "drafts" / f"{doc}.coverage.ttl").read_text(encoding="utf-8")
        assert "coi:NothingToClaim" in saved and "no actor named" in saved
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
