"""What the build reads and what counts as a fact (issue 16): the inventory of the data directory,
the checks on every RDF file, and the same messages from both loaders."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from coi_graph.compile.admit import Vocabulary, check_controls
from coi_graph.compile.inventory import contained, scan
from coi_graph.compile.load import load_store
from coi_graph.compile.reference.load import load
from coi_graph.errors import InputError, Location
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI
from tests.conftest import DATA
from tests.shape_harness import BASE, FIXTURES, validate_files

LOADERS: dict[str, Callable[[Path], object]] = {"rdflib": load, "oxigraph": load_store}
ENT = "@prefix coi: <https://w3id.org/coi-graph/ontology#> .\n@prefix ent: <https://w3id.org/coi-graph/id/entity/> .\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


# --- the inventory ---------------------------------------------------------------------------------


def test_the_seed_data_is_read_whole(data: Path) -> None:
    inventory = scan(data)
    assert inventory.skipped == []
    assert [p.name for p in inventory.files["claims"]] == sorted(p.name for p in (data / "claims").glob("*.trig"))
    assert len(inventory.files["entities"]) == len(list((data / "entities").glob("*.ttl")))


def test_every_file_not_read_is_named_with_its_reason(data: Path) -> None:
    (data / "README.md").write_text("notes\n")
    (data / "entities" / "more.TTL").write_text(ENT)
    (data / "entities" / "list.csv").write_text("a,b\n")
    (data / "claims" / "2024").mkdir()
    (data / "claims" / "2024" / "old.trig").write_text(ENT)
    (data / "attic").mkdir()
    (data / "attic" / "x.ttl").write_text(ENT)
    (data / "entities" / "gone.ttl").symlink_to(data / "nowhere.ttl")
    (data / ".git").mkdir()
    (data / ".git" / "config").write_text("[core]\n")  # hidden: not data, passed over in silence
    (data / "drafts").mkdir()
    (data / "drafts" / "report.trig").write_text(ENT)  # candidates waiting for review: never read, on purpose
    reasons = {str(s.path.relative_to(data)): s.reason for s in scan(data).skipped}
    assert sorted(reasons) == [
        "README.md",
        "attic/x.ttl",
        "claims/2024/old.trig",
        "entities/gone.ttl",
        "entities/list.csv",
        "entities/more.TTL",
    ]
    assert "top of the data directory" in reasons["README.md"]
    assert "not a folder the build reads" in reasons["attic/x.ttl"]
    assert "subfolder of claims/" in reasons["claims/2024/old.trig"]
    assert "dangling symbolic link" in reasons["entities/gone.ttl"]
    assert "only *.ttl files in entities/" in reasons["entities/list.csv"]
    assert "in capitals" in reasons["entities/more.TTL"]


@pytest.mark.parametrize("loader", LOADERS)
def test_both_loaders_warn_about_skipped_and_unnamed_files(data: Path, loader: str) -> None:
    (data / "notes.txt").write_text("x\n")
    (data / "documents" / "orphan.txt").write_text("An orphan text.\n")
    loaded = LOADERS[loader](data)
    warnings = "\n".join(loaded.warnings)  # type: ignore[attr-defined]
    assert f"{data / 'notes.txt'}: not read: a file at the top" in warnings
    assert f"{data / 'documents' / 'orphan.txt'}: not read: no document" in warnings


@pytest.mark.parametrize(
    ("named", "reason"),
    [("/etc/passwd", "an absolute path"), ("../../../../../../etc/passwd", "through '..'")],
)
def test_a_name_leading_out_is_refused(data: Path, named: str, reason: str) -> None:
    where = Location(data / "documents" / "x.ttl", 3)
    with pytest.raises(InputError, match=reason) as caught:
        contained(data, data / "documents" / named, where, named=named)
    assert caught.value.location == where


def test_a_name_inside_through_dotdot_is_accepted(data: Path) -> None:
    inside = data / "documents" / ".." / "entities" / "actors.ttl"
    assert contained(data, inside, Location(data), named="../entities/actors.ttl") == inside


def test_a_symlink_inside_the_data_directory_is_read(data: Path) -> None:
    (data / "entities" / "alias.ttl").symlink_to(data / "entities" / "actors.ttl")
    assert data / "entities" / "alias.ttl" in scan(data).files["entities"]


@pytest.mark.parametrize("loader", LOADERS)
def test_a_symlinked_source_leading_out_is_refused_before_it_is_read(data: Path, loader: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET-CONTENT\n")
    text = data / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"
    text.unlink()
    text.symlink_to(secret)
    with pytest.raises(InputError, match="symbolic link that leads out") as caught:
        LOADERS[loader](data)
    assert caught.value.location.path == data / "documents" / "newsaz-2025-10-20-iraq-us-advisers.ttl"
    assert "SECRET-CONTENT" not in caught.value.render()


# --- what counts as a fact -------------------------------------------------------------------------


def test_relations_come_from_the_ontology() -> None:
    vocabulary = Vocabulary.of(Graph().parse(ontology_path(), format="turtle"))
    for relation in (COI.supports, COI.fights, COI.stationedAt, COI.holdsPosition, COI.locatedIn, COI.partOf):
        assert str(relation) in vocabulary.relations
    assert str(COI.locatedIn) in vocabulary.registry_relations
    assert str(COI.supports) not in vocabulary.registry_relations
    assert str(COI.quote) not in vocabulary.relations  # a property of claims, not between entities
    assert vocabulary.known(str(COI.supports))
    assert vocabulary.known("http://www.w3.org/2004/02/skos/core#prefLabel")
    assert not vocabulary.known("http://www.w3.org/2004/02/skos/core#prefLable")
    assert not vocabulary.known("https://w3id.org/coi-graph/ontology#suports")
    assert not vocabulary.known("http://xmlns.com/foaf/0.1/name")


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("file", "text", "message", "line"),
    [
        ("entities/facts.ttl", ENT + "\nent:isil coi:supports ent:sdf .\n", "coi:supports relates two entities", 4),
        ("documents/facts.ttl", ENT + "\nent:isil coi:fights ent:sdf .\n", "not in a document's metadata", 4),
        ("links/facts.ttl", ENT + "\nent:isil coi:locatedIn ent:syria .\n", "not in a links file", 4),
        ("entities/stray.ttl", ENT + "\nent:nobody coi:locatedIn ent:syria .\n", "ent:nobody is described but", 4),
        ("entities/foaf.ttl", ENT + "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\nent:sdf foaf:name \"S\" .\n",
         "is not a term of any vocabulary", 4),
    ],
)  # fmt: skip
def test_both_loaders_refuse_what_is_no_fact(data: Path, loader: str, file: str, text: str, message: str,
                                             line: int) -> None:  # fmt: skip
    (data / file).write_text(text)
    with pytest.raises(InputError, match=message) as caught:
        LOADERS[loader](data)
    assert caught.value.location.path == data / file
    assert caught.value.location.line == line


@pytest.mark.parametrize("loader", LOADERS)
def test_registry_relations_are_read_from_entities_files(data: Path, loader: str) -> None:
    (data / "entities" / "more.ttl").write_text(
        ENT + "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ent:test-town a coi:City ; skos:prefLabel "Test Town"@en ; coi:locatedIn ent:syria .\n'
    )
    LOADERS[loader](data)  # no error


@pytest.mark.parametrize("loader", LOADERS)
def test_a_relation_in_the_default_graph_is_located_outside_the_braces(data: Path, loader: str) -> None:
    path = data / "claims" / "newsaz-2025-10-20-iraq-us-advisers.trig"
    text = path.read_text()
    assert "coi:fights" in text.split("c:01 a coi:Claim ;")[1]  # the predicate is also used inside claims
    path.write_text(text + "\nent:isil coi:fights ent:sdf .\n")
    with pytest.raises(InputError, match="default graph of a claims file") as caught:
        LOADERS[loader](data)
    assert caught.value.location.line == text.count("\n") + 2


# --- control characters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [('ent:a skos:prefLabel "A\x1bB" .', 24), ('ent:a skos:prefLabel "A\\u0007B" .', 24),
     ('ent:a skos:prefLabel "A\\U0000009bB" .', 24), ('ent:a skos:prefLabel "A\x0cB" .', 24)],
)  # fmt: skip
def test_control_characters_are_refused_with_their_line(tmp_path: Path, text: str, column: int) -> None:
    with pytest.raises(InputError, match="control character") as caught:
        check_controls(tmp_path / "x.ttl", "# a comment\n" + text + "\n")
    assert (caught.value.location.line, caught.value.location.column) == (2, column)


@pytest.mark.parametrize("text", ['"tab\there"', '"line\\nbreak"', '"a\\u000Ab"', '"Ḥalab, حلب"'])
def test_printable_text_and_line_breaks_pass(tmp_path: Path, text: str) -> None:
    check_controls(tmp_path / "x.ttl", f"ent:a skos:prefLabel {text} .\n")


# --- a claim's sentence holds its quote --------------------------------------------------------------


def test_a_claim_whose_sentence_holds_the_quote_conforms() -> None:
    report = validate_files(BASE, FIXTURES / "ClaimShape" / "ok.trig")
    assert report.results == [], report.render("text")


def test_a_claim_whose_sentence_lacks_the_quote_is_a_violation(tmp_path: Path) -> None:
    ok = (FIXTURES / "ClaimShape" / "ok.trig").read_text()
    bad = tmp_path / "bad.trig"
    bad.write_text(ok.replace("coi:textOffset 38 ; coi:textEndOffset 87", "coi:textOffset 38 ; coi:textEndOffset 60"))
    messages = [r.message for r in validate_files(BASE, bad).results]
    assert any("The quote is not in the claim's sentence" in m for m in messages), messages
