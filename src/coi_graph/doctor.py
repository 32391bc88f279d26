"""What `coi-graph doctor` checks: Python and library versions, tools, the data, the build and the caches,
and how the checks are rendered."""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import json
import platform
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from coi_graph import __version__

OK = "ok"
MISSING = "missing"  # something required: exit 1
ABSENT = "absent"  # something optional: reported only
WARNING = "warning"  # works, but worth a look (a stale build, a version outside the range)
INFO = "info"

# (distribution, module, what it is for); the ranges come from coi-graph's own metadata (pyproject.toml)
LIBRARIES = [
    ("rdflib", "rdflib", "RDF parsing and serialisation"),
    ("pyoxigraph", "pyoxigraph", "the embedded store and SPARQL"),
    ("pyshacl", "pyshacl", "SHACL, the reference engine"),
    ("owlrl", "owlrl", "OWL 2 RL, the reference engine"),
    ("networkx", "networkx", "network analysis"),
    ("scipy", "scipy", "PageRank"),
    ("matplotlib", "matplotlib", "plots"),
    ("click", "click", "the command line"),
    ("rich", "rich", "progress on stderr"),
]
OPTIONAL_LIBRARIES = [("selenium", "selenium", "the browser test of coi-graph serve, in the test extra")]
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass
class Check:
    """One line of the report."""

    section: str
    name: str
    status: str
    detail: str
    required: bool = False
    fix: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def fails(self) -> bool:
        return self.required and self.status == MISSING


def _size(path: Path) -> int:
    """Bytes on disk; a file removed while it is counted (a build replacing the store) counts nothing."""
    if path.is_file():
        with contextlib.suppress(FileNotFoundError):
            return path.stat().st_size
        return 0
    total = 0
    for found in path.rglob("*") if path.is_dir() else ():
        with contextlib.suppress(FileNotFoundError):
            if found.is_file():
                total += found.stat().st_size
    return total


def human(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def _ranges() -> dict[str, str]:
    """The version ranges coi-graph declares for its dependencies, by distribution name."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # packaging comes with matplotlib; without it, the ranges are not checked
        return {}
    ranges: dict[str, str] = {}
    for text in importlib.metadata.requires("coi-graph") or []:
        requirement = Requirement(text)
        if requirement.marker is None:  # lower bounds first: >=7.1,<8
            parts = sorted((str(s) for s in requirement.specifier), key=lambda s: (not s.startswith(">"), s))
            ranges[requirement.name.lower()] = ",".join(parts)
    return ranges


def _in_range(version: str, spec: str) -> bool:
    try:
        from packaging.specifiers import SpecifierSet
    except ImportError:
        return True
    return not spec or SpecifierSet(spec).contains(version, prereleases=True)


def _tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    lines = (done.stdout or done.stderr).strip().splitlines()
    first = lines[0].strip() if lines else ""
    for tail in (" (", " built on "):  # ChromeDriver's commit, Chromium's distribution
        first = first.split(tail, 1)[0]
    return first


def environment_checks() -> list[Check]:
    checks = [Check("environment", "coi-graph", OK, __version__, facts={"version": __version__})]
    needed = ""
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        needed = (importlib.metadata.metadata("coi-graph").get_all("Requires-Python") or [""])[0]
    python = platform.python_version()
    fits = _in_range(python, needed)
    checks.append(Check(
        "environment", "python", OK if fits else MISSING,
        f"{python} ({platform.python_implementation()}, {sys.executable})" + (f", needs {needed}" if needed else ""),
        required=True, fix="" if fits else f"use a Python {needed} and reinstall: python3 -m venv .venv",
        facts={"version": python, "executable": sys.executable, "requires": needed},
    ))  # fmt: skip
    checks.append(Check("environment", "platform", INFO, platform.platform(),
                        facts={"platform": platform.platform(), "machine": platform.machine()}))  # fmt: skip
    return checks


def library_checks() -> list[Check]:
    ranges = _ranges()
    checks = []
    for (distribution, module, purpose), required in [(lib, True) for lib in LIBRARIES] + [
        (lib, False) for lib in OPTIONAL_LIBRARIES
    ]:
        spec = ranges.get(distribution, "")
        try:
            version = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            version = ""
        if not version or importlib.util.find_spec(module) is None:
            install = f"pip install '{distribution}{spec}'" if spec else f"pip install {distribution}"
            checks.append(Check("libraries", distribution, MISSING if required else ABSENT, f"not installed: {purpose}",
                                required=required, fix=f"pip install -e . (or {install})" if required else install,
                                facts={"version": None, "requires": spec}))  # fmt: skip
            continue
        fits = _in_range(version, spec)
        detail = version + (f" (needs {spec})" if spec else "") + ("" if required else f", optional: {purpose}")
        checks.append(Check("libraries", distribution, OK if fits else WARNING, detail, required=required,
                            fix="" if fits else f"pip install '{distribution}{spec}'",
                            facts={"version": version, "requires": spec}))  # fmt: skip
    return checks


def tool_checks() -> list[Check]:
    from coi_graph.errors import CoiGraphError
    from coi_graph.oxigraph_server import oxigraph_binary

    checks = []
    try:
        server = oxigraph_binary()
    except CoiGraphError as exc:
        checks.append(Check("tools", "oxigraph server", ABSENT, "not found: coi-graph serve needs it",
                            fix=exc.hint or "pip install oxigraph"))  # fmt: skip
    else:
        version = _tool_version([server, "--version"])
        detail = f"{server} ({version or 'version unknown'}), for coi-graph serve"
        checks.append(Check("tools", "oxigraph server", OK, detail, facts={"path": server, "version": version}))
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    why = "optional: the browser test of coi-graph serve"
    majors: list[str] = []
    for name, found in (("chromium", browser), ("chromedriver", driver)):
        if found is None:
            checks.append(Check("tools", name, ABSENT, f"not on PATH: {why}",
                                fix="apt-get install chromium chromium-driver"))  # fmt: skip
            continue
        version = _tool_version([found, "--version"])
        majors.append(version.rsplit(" ", 1)[-1].split(".", 1)[0])
        checks.append(Check("tools", name, OK, f"{found} ({version or 'version unknown'}), {why}",
                            facts={"path": found, "version": version}))  # fmt: skip
    if len(majors) == 2 and majors[0] != majors[1]:
        checks[-1].status = WARNING
        checks[-1].fix = "the driver must match the browser's major version: install both from one source"
    return checks


def _resources() -> list[Check]:
    from coi_graph import resources

    checks = []
    for name, locate in (("ontology", resources.ontology_path), ("shapes", resources.shapes_dir),
                         ("queries", resources.queries_dir)):  # fmt: skip
        try:
            path = locate()
        except FileNotFoundError:
            checks.append(Check("data", name, MISSING, "not found: the installation is incomplete", required=True,
                                fix="reinstall: pip install -e . (or the wheel)"))  # fmt: skip
            continue
        checks.append(Check("data", name, OK, str(path), required=True, facts={"path": str(path)}))
    return checks


def _files(folder: Path, suffix: str) -> list[Path]:
    return sorted(p for p in folder.glob(f"*{suffix}") if p.is_file()) if folder.is_dir() else []


def data_checks(data_dir: Path) -> list[Check]:
    checks = _resources()
    if not data_dir.is_dir():
        checks.append(Check("data", "data directory", MISSING, f"{data_dir}: not found", required=True,
                            fix="run from the project folder, or pass --data DIR"))  # fmt: skip
        return checks
    checks.append(Check("data", "data directory", OK, str(data_dir.resolve()), required=True,
                        facts={"path": str(data_dir.resolve())}))  # fmt: skip
    counts = {
        "entities": (len(_files(data_dir / "entities", ".ttl")), "registry files (entities/*.ttl)"),
        "documents": (len(_files(data_dir / "documents", ".ttl")), "documents (documents/*.ttl with their text)"),
        "claims": (len(_files(data_dir / "claims", ".trig")), "claims files (claims/*.trig)"),
    }
    for name, (count, what) in counts.items():
        status = OK if count else WARNING
        fix = {"documents": "coi-graph ingest FILE", "claims": "coi-graph extract FILE, then coi-graph review"}
        checks.append(Check("data", name, status, f"{count} {what}", fix="" if count else fix.get(name, ""),
                            facts={"files": count}))  # fmt: skip
    from coi_graph.link.enrich import ENRICHMENT_FILE
    from coi_graph.link.model import LINKS_FILE

    links = data_dir / LINKS_FILE
    checks.append(Check("data", "wikidata links", OK if links.is_file() else ABSENT,
                        f"{links} ({human(_size(links))})" if links.is_file() else f"{links}: none yet",
                        fix="" if links.is_file() else "coi-graph link --allow-network",
                        facts={"path": str(links), "bytes": _size(links)}))  # fmt: skip
    enrichment = data_dir / ENRICHMENT_FILE
    if enrichment.is_file():
        try:
            entities = len(json.loads(enrichment.read_text(encoding="utf-8")).get("entities", {}))
        except (ValueError, AttributeError, TypeError):  # not JSON, not an object, entities not a list
            entities = -1
        detail = f"{enrichment}: " + (f"{entities} entities" if entities >= 0 else "not readable JSON")
        checks.append(Check("data", "wikidata enrichment", OK if entities >= 0 else WARNING, detail,
                            fix="" if entities >= 0 else "coi-graph enrich --allow-network",
                            facts={"path": str(enrichment), "entities": entities}))  # fmt: skip
    else:
        checks.append(Check("data", "wikidata enrichment", ABSENT, f"{enrichment}: none (labels from data/ only)",
                            fix="coi-graph enrich --allow-network", facts={"path": str(enrichment)}))  # fmt: skip
    return checks


def _newest_input(data_dir: Path) -> tuple[float, Path | None]:
    """The newest modification time among the build's inputs: data/, the ontology and the shapes."""
    from coi_graph import resources

    roots = [data_dir]
    with contextlib.suppress(FileNotFoundError):
        roots += [resources.ontology_path().parent, resources.shapes_dir()]
    newest, which = 0.0, None
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if any(part.startswith(".") for part in path.relative_to(root).parts) or not path.is_file():
                continue
            mtime = path.stat().st_mtime
            if mtime > newest:
                newest, which = mtime, path
    return newest, which


def build_checks(build_dir: Path, data_dir: Path, store_spec: str | None) -> list[Check]:
    from coi_graph.compile.pipeline import cache_dir_for
    from coi_graph.store import DUMP_FILE, STORE_DIR

    checks = []
    if store_spec:
        detail = f"{store_spec} (--store or COI_GRAPH_STORE): query, analyze and export read it, not the build"
        checks.append(Check("build", "remote store", INFO, detail, facts={"store": store_spec}))
    summary = build_dir / "summary.json"
    store = build_dir / STORE_DIR
    if not summary.is_file() or not store.is_dir():
        checks.append(Check("build", "build directory", WARNING, f"{build_dir}: no build",
                            fix=f"coi-graph build -o {build_dir}", facts={"path": str(build_dir)}))  # fmt: skip
        return checks
    built = summary.stat().st_mtime
    when = datetime.fromtimestamp(built).astimezone().isoformat(timespec="seconds")
    total = _size(build_dir)
    checks.append(Check("build", "build directory", OK, f"{build_dir.resolve()}, built {when}, {human(total)}",
                        facts={"path": str(build_dir.resolve()), "built": when, "bytes": total}))  # fmt: skip
    try:
        counts = json.loads(summary.read_text(encoding="utf-8")).get("counts", {})
        shown = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("documents", "claims", "entities"))
    except (ValueError, AttributeError):
        counts, shown = {}, "summary.json is not readable"
    checks.append(Check("build", "contents", INFO, shown, facts={"counts": counts}))
    store_size = _size(store)
    checks.append(Check("build", "store", OK, f"{store.resolve()} ({human(store_size)}, Oxigraph)",
                        facts={"path": str(store.resolve()), "bytes": store_size}))  # fmt: skip
    dump = build_dir / DUMP_FILE
    if dump.is_file():
        checks.append(Check("build", "dump", INFO, f"{dump} ({human(_size(dump))}, N-Quads)",
                            facts={"path": str(dump), "bytes": _size(dump)}))  # fmt: skip
    if data_dir.is_dir():
        newest, which = _newest_input(data_dir)
        if which is not None and newest > built:
            later = datetime.fromtimestamp(newest).astimezone().isoformat(timespec="seconds")
            checks.append(Check("build", "up to date", WARNING, f"stale: {which} changed at {later}, after the build",
                                fix=f"coi-graph build --data {data_dir} -o {build_dir}",
                                facts={"stale": True, "newest": str(which)}))  # fmt: skip
        else:
            checks.append(Check("build", "up to date", OK, f"no file of {data_dir}, the ontology or the shapes "
                                "changed after the build", facts={"stale": False}))  # fmt: skip
    cache = cache_dir_for(build_dir)
    if cache.is_dir():
        files = sum(1 for p in cache.rglob("*") if p.is_file())
        checks.append(Check("build", "parse cache", INFO, f"{cache} ({files} files, {human(_size(cache))})",
                            facts={"path": str(cache), "files": files, "bytes": _size(cache)}))  # fmt: skip
    return checks


def cache_checks(cache_dir: Path) -> list[Check]:
    if not cache_dir.is_dir():
        return [Check("caches", "wikidata http cache", ABSENT, f"{cache_dir}: empty (link and enrich fill it)",
                      facts={"path": str(cache_dir)})]  # fmt: skip
    files = sum(1 for p in cache_dir.rglob("*.json") if p.is_file())
    detail = f"{cache_dir.resolve()} ({files} answers, {human(_size(cache_dir))})"
    return [
        Check("caches", "wikidata http cache", OK, detail, facts={"path": str(cache_dir.resolve()), "answers": files})
    ]


def diagnose(data_dir: Path, build_dir: Path, cache_dir: Path, store_spec: str | None = None) -> list[Check]:
    return (environment_checks() + library_checks() + tool_checks() + data_checks(data_dir)
            + build_checks(build_dir, data_dir, store_spec) + cache_checks(cache_dir))  # fmt: skip


def render_table(checks: list[Check]) -> str:
    width = max(len(c.name) for c in checks)
    lines: list[str] = []
    section = ""
    for check in checks:
        if check.section != section:
            section = check.section
            lines.append(section)
        mark = check.status.upper() if check.fails else check.status
        lines.append(f"  {mark:<8} {check.name:<{width}}  {check.detail}")
        if check.fix and check.status != OK:
            lines.append(f"  {'':<8} {'':<{width}}  fix: {check.fix}")
    lines += ["", verdict(checks)]
    return "\n".join(lines) + "\n"


def verdict(checks: list[Check], *, table: bool = True) -> str:
    failing = [c.name for c in checks if c.fails]
    if failing:
        where = "; see the fix lines above" if table else ""
        return f"{len(failing)} required item(s) missing: {', '.join(failing)}{where}"
    absent = sum(1 for c in checks if c.status == ABSENT)
    warnings = sum(1 for c in checks if c.status == WARNING)
    notes = [f"{absent} optional item(s) absent"] if absent else []
    notes += [f"{warnings} warning(s)"] if warnings else []
    return "everything needed is there" + (f" ({', '.join(notes)})" if notes else "")


def render_json(checks: list[Check]) -> str:
    payload = {
        "coi_graph": __version__,
        "ok": not any(c.fails for c in checks),
        "summary": verdict(checks, table=False),
        "checks": [asdict(c) | {"fails": c.fails} for c in checks],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
