"""Which files of a data directory the build reads, and why it passes over the others.

The build reads ``entities/*.ttl``, ``links/*.ttl``, ``documents/*.ttl`` with the source files they
name, ``claims/*.trig`` and ``enrichment/wikidata.json``, and nothing outside the data directory:
a file it would read that is, or leads through a symbolic link to, a place outside is refused.
Every other file is named in a warning that says why it was not read (``--strict`` makes these
warnings errors), except the drafts of candidate claims in ``drafts/``, which wait for review and which
the build never reads, on purpose. Hidden files and folders (names starting with ``.``) are not data: git and
editors keep theirs there, and they are passed over in silence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from coi_graph.errors import InputError, Location

FOLDERS: dict[str, str] = {"entities": ".ttl", "links": ".ttl", "documents": ".ttl", "claims": ".trig"}
ENRICHMENT = PurePosixPath("enrichment", "wikidata.json")
DRAFTS = "drafts"  # candidate claims waiting for review (coi-graph extract, review): never read
_LAYOUT = (
    "entities/*.ttl, links/*.ttl, documents/ (*.ttl and the texts they name), claims/*.trig, enrichment/wikidata.json"
)


@dataclass(frozen=True)
class Skipped:
    """A file under the data directory that the build does not read, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: not read: {self.reason}"


@dataclass
class Inventory:
    """The files a build reads, by folder, and those it skips."""

    data_dir: Path
    files: dict[str, list[Path]] = field(default_factory=lambda: {name: [] for name in FOLDERS})
    others: list[Path] = field(default_factory=list)  # documents/ files other than *.ttl: texts, if named
    skipped: list[Skipped] = field(default_factory=list)

    def unnamed_texts(self, named: set[Path]) -> list[Skipped]:
        """The files of documents/ that no document names as its coi:sourceFile."""
        resolved = {path.resolve() for path in named}
        return [
            Skipped(path, "no document in documents/*.ttl names it as its coi:sourceFile")
            for path in self.others
            if path.resolve() not in resolved
        ]


def _outside(root: Path, path: Path) -> bool:
    return not path.resolve().is_relative_to(root)


def _classify(relative: PurePosixPath) -> tuple[str | None, str | None]:
    """(folder the build reads the file as, None) or (None, why it is skipped); (None, None) to stay silent."""
    parts = relative.parts
    if len(parts) == 1:
        return None, f"a file at the top of the data directory is not data; the build reads {_LAYOUT}"
    top = parts[0]
    if top == DRAFTS:
        return None, None  # candidate drafts wait for review: the build never reads them, on purpose
    if relative == ENRICHMENT:
        return "enrichment", None
    if top == "enrichment":
        return None, "the build reads only enrichment/wikidata.json in enrichment/"
    if top not in FOLDERS:
        return None, f"{top}/ is not a folder the build reads; it reads {_LAYOUT}"
    if len(parts) > 2:
        return None, f"a subfolder of {top}/ is not read: move the file into {top}/ itself"
    suffix, expected = relative.suffix, FOLDERS[top]
    if suffix == expected:
        return top, None
    if top == "documents":
        return "documents-other", None
    if suffix.lower() == expected:
        return None, f"the extension {suffix!r} is in capitals: rename the file to end in {expected!r}"
    return None, f"the build reads only *{expected} files in {top}/"


def scan(data_dir: Path) -> Inventory:
    """Every file under ``data_dir``, sorted into those the build reads and those it skips."""
    root = data_dir.resolve()
    inventory = Inventory(data_dir)
    for folder, dirnames, filenames in os.walk(data_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(folder)
        for name in list(dirnames):
            link = here / name
            if link.is_symlink() and _outside(root, link):
                dirnames.remove(name)
                why = f"a symbolic link to {os.readlink(link)}, outside the data directory"
                inventory.skipped.append(Skipped(link, why))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            relative = PurePosixPath(path.relative_to(data_dir).as_posix())
            if path.is_symlink() and not path.exists():
                why = f"a dangling symbolic link (its target {os.readlink(path)} does not exist)"
                inventory.skipped.append(Skipped(path, why))
                continue
            kind, reason = _classify(relative)
            if reason is not None:
                inventory.skipped.append(Skipped(path, reason))
            elif kind == "documents-other":
                inventory.others.append(path)
            elif kind == "enrichment":
                contained(data_dir, path, Location(path))
            elif kind in FOLDERS:
                contained(data_dir, path, Location(path))
                inventory.files[kind].append(path)
    for paths in inventory.files.values():
        paths.sort()
    inventory.others.sort()
    inventory.skipped.sort(key=lambda s: str(s.path))
    return inventory


def contained(data_dir: Path, path: Path, where: Location, *, named: str | None = None) -> Path:
    """``path``, if it lies inside ``data_dir`` once symbolic links are followed; else an InputError at ``where``.

    ``named`` is the file name as the data wrote it (a coi:sourceFile value), for the message.
    """
    what = repr(named) if named is not None else str(path)
    if named is not None and Path(named).is_absolute():
        reason = "is an absolute path"
    elif named is not None and ".." in Path(named).parts and _outside(data_dir.resolve(), path):
        reason = "leads out of the data directory through '..'"
    elif _outside(data_dir.resolve(), path):
        reason = f"is a symbolic link that leads out of the data directory (to {path.resolve()})"
    else:
        return path
    raise InputError(
        where,
        f"{what} {reason}; the build reads only files inside {data_dir}",
        hint="copy the file into the data directory (documents/ for a document's text) "
        "and name it relative to its folder",
    )
