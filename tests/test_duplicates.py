"""Possible duplicates in the registry (issue 16): different entities whose labels differ only in case,
diacritics, punctuation or the Arabic article, named with their files and lines by the library, by
`link --status`, `link --review` and `review`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from coi_graph.cli import main
from coi_graph.compile.sources import SourceMap
from coi_graph.duplicates import (
    LabelUse,
    find_duplicates,
    kinds_of,
    label_key,
    locate,
    read_registry,
    registry_duplicates,
    uses_from_graph,
)
from coi_graph.extract.candidates import Candidate
from coi_graph.namespaces import ENT
from coi_graph.resources import ontology_path
from coi_graph.vocab import COI
from tests.conftest import DATA, ROOT, run_cli

HTS = str(ENT["hts"])
PREFIXES = (
    "@prefix coi: <https://w3id.org/coi-graph/ontology#> .\n"
    "@prefix ent: <https://w3id.org/coi-graph/id/entity/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
)
SECOND_HTS = (
    PREFIXES + '\n# added twice\nent:hts-2 a coi:NonStateArmedGroup ;\n    skos:prefLabel "Hayat Tahrir al Sham"@en .\n'
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _line(path: Path, written: str) -> int:
    """The first line of ``path`` with ``written`` on it."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if written in line)


# --- the key ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham"),  # apostrophe, hyphen
        ("HAYAT TAHRIR AL-SHAM", "hayat tahrir al-sham"),  # case
        ("Şerê Kaniyê", "Sere Kaniye"),  # diacritics
        ("Sere\u0301 Kaniye", "Sere Kaniye"),  # a decomposed accent is no word break
        ("Al-Hasakah", "Hasakah"),
        ("al Hasakah", "Hasakah"),
        ("El-Hasakah", "Hasakah"),
        ("Jabhat al-Nusra", "Jabhat Nusra"),
        ("Jisr ash-Shughur", "Jisr Shughur"),  # an assimilated article
        ("Dayr az-Zawr", "Dayr Zawr"),
        ("As-Suwayda", "Suwayda"),  # an assimilated article that starts the name
        ("Ar-Raqqa", "Raqqa"),
        ("الحسكة", "حسكة"),  # the Arabic-script article
        ("الْحَسَكَة", "حسكة"),  # and short vowels
    ],
)
def test_labels_that_differ_only_in_case_diacritics_or_the_arabic_article_have_one_key(one: str, other: str) -> None:
    assert label_key(one) == label_key(other) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Albania", "bania"),  # "al" inside a word is no article
        ("Alamein", "Amein"),
        ("US-led coalition", "led coalition"),  # an acronym before a hyphen is no article
        ("Raqqa", "Raqqah"),  # another spelling is another label
        ("Deir ez-Zor", "Deir Zor"),
    ],
)
def test_words_that_only_look_like_an_article_are_kept(one: str, other: str) -> None:
    assert label_key(one) != label_key(other)
    assert label_key("Albania") == "albania"


# --- finding them ----------------------------------------------------------------------------------


def test_two_entities_in_two_files_are_one_duplicate_naming_both_with_file_and_line() -> None:
    uses = [
        LabelUse(HTS, "Hay'at Tahrir al-Sham", Path("entities/actors.ttl"), 12),
        LabelUse(HTS, "HTS", Path("entities/actors.ttl"), 13),
        LabelUse(str(ENT["hts-2"]), "Hayat Tahrir al Sham", Path("entities/region-actors.ttl"), 40),
        LabelUse(str(ENT["sdf"]), "Syrian Democratic Forces", Path("entities/actors.ttl"), 20),
    ]
    found = find_duplicates(uses)
    assert len(found) == 1
    assert found[0].entities == (HTS, str(ENT["hts-2"]))
    assert found[0].message() == (
        'duplicate label: ent:hts "Hay\'at Tahrir al-Sham" (entities/actors.ttl:12) and ent:hts-2 '
        '"Hayat Tahrir al Sham" (entities/region-actors.ttl:40) differ only in case, diacritics, punctuation or '
        "the Arabic article; merge them or make one label more specific"
    )


def test_one_entity_with_two_labels_alike_is_no_duplicate() -> None:
    uses = [
        LabelUse(HTS, "Hay'at Tahrir al-Sham", Path("a.ttl"), 1),
        LabelUse(HTS, "Hayat Tahrir al-Sham", Path("a.ttl"), 2),
        LabelUse(HTS, "Hay’at Tahrir al-Sham", Path("b.ttl"), 3),
    ]
    assert find_duplicates(uses) == []


def test_three_entities_are_one_duplicate_and_two_keys_of_one_pair_one_line() -> None:
    a, b, c = (str(ENT[n]) for n in ("a", "b", "c"))
    uses = [
        LabelUse(a, "Harir air base", Path("x.ttl"), 1),
        LabelUse(b, "Harir Air Base", Path("y.ttl"), 5),
        LabelUse(a, "Harir airbase", Path("x.ttl"), 2),
        LabelUse(b, "al-Harir airbase", Path("y.ttl"), 6),
        LabelUse(c, "Qamishli", Path("x.ttl"), 3),
        LabelUse(b, "Al-Qamishli", Path("y.ttl"), 7),
        LabelUse(a, "el Qamishli", Path("x.ttl"), 4),
    ]
    found = find_duplicates(uses)
    assert [(d.entities, d.also) for d in found] == [((a, b), 1), ((c, a, b), 0)]
    assert found[0].describe().startswith('ent:a "Harir air base" (x.ttl:1) and ent:b "Harir Air Base" (y.ttl:5)')
    assert found[0].describe().endswith("(1 more label alike)")
    assert found[1].describe().startswith('ent:c "Qamishli" (x.ttl:3), ent:a "el Qamishli" (x.ttl:4) and ent:b')


def test_the_same_label_is_said_to_be_the_same() -> None:
    uses = [LabelUse(str(ENT["a"]), "Fola", Path("p.ttl"), 1), LabelUse(str(ENT["b"]), "Fola", Path("p.ttl"), 9)]
    assert (
        find_duplicates(uses)[0].describe() == 'ent:a "Fola" (p.ttl:1) and ent:b "Fola" (p.ttl:9) have the same label'
    )


def test_only_entities_of_a_common_top_class_are_compared(ontology: Graph) -> None:
    government, city, town = str(ENT["syrian-government"]), str(ENT["damascus"]), str(ENT["damascus-2"])
    uses = [LabelUse(government, "Damascus", Path("a.ttl"), 1), LabelUse(city, "Damascus", Path("p.ttl"), 1)]
    kinds = kinds_of([(government, str(COI.Government)), (city, str(COI.City)), (town, str(COI.City))], ontology)
    assert kinds[government] == {str(COI.Actor)} and kinds[city] == {str(COI.Place)}
    assert find_duplicates(uses, kinds) == []  # a government named by its seat: on purpose
    assert len(find_duplicates(uses)) == 1  # without the kinds, it is one name
    found = find_duplicates([*uses, LabelUse(town, "Damascus", Path("q.ttl"), 1)], kinds)
    assert [d.entities for d in found] == [(city, town)]


def test_the_seed_registry_has_no_duplicates_but_the_seats_of_government(ontology: Graph) -> None:
    registry, sources = read_registry(DATA)
    assert registry_duplicates(registry, ontology, sources) == []
    seats = locate(find_duplicates(uses_from_graph(registry)), sources)  # without the top classes
    government = next(d for d in seats if str(ENT["syrian-government"]) in d.entities)
    path = DATA / "entities" / "region-actors.ttl"
    assert government.uses[0] == LabelUse(str(ENT["syrian-government"]), "Damascus", path, _line(path, '"Damascus"@en'))


def test_locate_finds_the_file_and_the_line_of_each_label(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text(PREFIXES + '\nent:x a coi:City ;\n    skos:prefLabel "Other"@en .\n\nent:hts a coi:NonStateArmedGroup ;\n'
                     '    skos:altLabel "HTS"@en,\n        "Hay\'at Tahrir al-Sham"@en .\n', encoding="utf-8")  # fmt: skip
    second.write_text(SECOND_HTS, encoding="utf-8")
    sources = SourceMap()
    graph = Graph()
    for path in (first, second):
        sources.add_file(path, path.read_text(encoding="utf-8"))
        graph.parse(path, format="turtle")
    found = locate(find_duplicates(uses_from_graph(graph)), sources)  # files unknown: the merged graph
    assert [(u.path, u.line) for u in found[0].uses] == [(first, 10), (second, 7)]


# --- the commands ----------------------------------------------------------------------------------


@pytest.fixture
def duplicated(data_copy: Path) -> Path:
    (data_copy / "entities" / "zz-added.ttl").write_text(SECOND_HTS, encoding="utf-8")
    return data_copy


def _expected(data: Path) -> str:
    actors, added = data / "entities" / "region-actors.ttl", data / "entities" / "zz-added.ttl"
    hts, second = _line(actors, '"Hay\'at Tahrir al-Sham"@en'), _line(added, "Hayat Tahrir al Sham")
    return (
        f'ent:hts "Hay\'at Tahrir al-Sham" ({actors}:{hts}) and ent:hts-2 "Hayat Tahrir al Sham" ({added}:{second}) '
        "differ only in case, diacritics, punctuation or the Arabic article"
    )


def test_link_status_lists_the_possible_duplicates(duplicated: Path) -> None:
    result = run_cli("link", "--status", "--data", str(duplicated))
    assert result.exit_code == 0, result.output
    section = result.stdout.split("\n\n")[-1].splitlines()
    assert section == [
        "Possible duplicates (1): merge them, or make one label more specific",
        f"  {_expected(duplicated)}",
    ]


def test_link_status_of_the_seed_data_lists_none() -> None:
    result = run_cli("link", "--status", "--data", str(DATA))
    assert result.exit_code == 0 and "Possible duplicates" not in result.output


def test_link_review_shows_the_duplicates_first(duplicated: Path) -> None:
    result = CliRunner().invoke(main, ["link", "--review", "--reviewer", "A. Analyst", "--data", str(duplicated)],
                                input="q\n", catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        "Possible duplicates (1): merge them, or make one label more specific",
        f"  {_expected(duplicated)}",
    ]


def _draft(data: Path, tmp_path: Path) -> Path:
    ingested = run_cli("ingest", str(ROOT / "tests" / "documents" / "news-web.txt"), "--data", str(data),
                       "--publisher", "News.Az", "--id", "test-news-web")  # fmt: skip
    assert ingested.exit_code == 0, ingested.output
    out = tmp_path / "d.trig"
    result = run_cli("extract", str(data / "documents" / "test-news-web.txt"), "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_review_shows_the_duplicates_of_the_entities_its_candidates_use(data_copy: Path, tmp_path: Path) -> None:
    out = _draft(data_copy, tmp_path)
    assert "ent:al-harir-air-base" in out.read_text(encoding="utf-8")
    # added after the extraction: a second al-Harir air base, and a second HTS the draft does not use
    (data_copy / "entities" / "zz-added.ttl").write_text(
        SECOND_HTS + '\nent:harir-base a coi:AirBase ;\n    skos:prefLabel "Harir Air Base"@en .\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["review", str(out), "--data", str(data_copy), "--reviewer", "A. Analyst"],
                                input="q\n", catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    places, added = data_copy / "entities" / "places.ttl", data_copy / "entities" / "zz-added.ttl"
    harir, second = _line(places, '"al-Harir air base"@en'), _line(added, "Harir Air Base")
    lines = result.stderr.splitlines()
    assert lines[1:4] == [
        "Possible duplicates among the entities of these candidates (1): merge them, or make one label more specific",
        f'  ent:al-harir-air-base "al-Harir air base" ({places}:{harir}) and ent:harir-base "Harir Air Base" '
        f"({added}:{second}) differ only in case, diacritics, punctuation or the Arabic article",
        "  and 1 more in the registry: 'coi-graph link --status' lists them",
    ]
    assert (
        "  check:    ent:al-harir-air-base and ent:harir-base may be one entity (possible duplicates, above)" in lines
    )


def test_review_names_an_entity_the_draft_proposes_that_the_registry_has(tmp_path: Path, ontology: Graph) -> None:
    from coi_graph.extract.review import duplicates_used

    draft = tmp_path / "d.trig"
    draft.write_text(SECOND_HTS, encoding="utf-8")
    proposed = Graph().parse(draft, format="turtle")
    registry, sources = read_registry(DATA)
    candidate = Candidate(1, "rule", [(ENT["hts-2"], COI.controls, ENT["idlib"])], "q", URIRef("urn:x:p"), None,
                          0, 1, COI.Stated, 0.5)  # fmt: skip
    found, others = duplicates_used(registry, sources, proposed, draft, [candidate])
    assert others == 0
    actors = DATA / "entities" / "region-actors.ttl"
    assert {(u.entity, u.path, u.line) for u in found[0].uses} == {
        (HTS, actors, _line(actors, '"Hay\'at Tahrir al-Sham"@en')),
        (str(ENT["hts-2"]), draft, 7),
    }
    assert duplicates_used(registry, sources, proposed, draft, []) == ([], 1)
