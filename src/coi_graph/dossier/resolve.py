"""ENTITY as the user writes it: ``ent:sdf``, a full IRI, or a label or alias, as ``analyze ego`` and
``analyze path`` accept them (``expand_iri``, then a case-insensitive label match), here also with the
registry's aliases and the Wikidata labels, so that "SDF" and "Syrian Arab Republic" work too."""

from __future__ import annotations

from coi_graph.dossier.gather import Corpus
from coi_graph.errors import CoiGraphError
from coi_graph.namespaces import PREFIXES
from coi_graph.query.params import ParameterValueError, expand_iri

HINT = "give an IRI such as ent:sdf, a full IRI, or a label or alias of an entity of the registry"


def short(iri: str) -> str:
    """``ent:sdf`` for the entity's IRI, where a project prefix fits."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if prefix and iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _close(corpus: Corpus, folded: str) -> list[str]:
    """Entities with a name that contains the text: names that start with it first, then shorter names."""
    best: dict[str, tuple[int, int]] = {}
    for entity, name in corpus.names:
        if folded and folded in name.casefold() and entity in corpus.entities:
            score = (0 if name.casefold().startswith(folded) else 1, len(name))
            best[entity] = min(best.get(entity, score), score)
    return sorted(best, key=lambda entity: (best[entity], entity))


def resolve(corpus: Corpus, name: str) -> str:
    """The IRI of the registry entity ``name`` stands for; a ``CoiGraphError`` (exit 2) with a hint when
    there is none or several."""
    text = name.strip()
    try:
        iri = expand_iri(text)
    except ParameterValueError:
        iri = None
    if iri is not None and iri in corpus.entities:
        return iri
    folded = text.casefold()
    matches = sorted({e for e, n in corpus.names if n.casefold() == folded and e in corpus.entities})
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{short(m)} ({corpus.label(m)})" for m in matches)
        raise CoiGraphError(f"{name!r} names {len(matches)} entities: {listed}", hint="give one of them as an IRI")
    close = _close(corpus, folded)
    hint = HINT
    if close:
        hint = "did you mean " + " or ".join(f"{short(e)} ({corpus.label(e)})" for e in close[:3]) + "? " + HINT
    if iri is not None and not iri.startswith(PREFIXES["ent"]) and not close:
        hint += "; events, claims and documents have no dossier"
    raise CoiGraphError(f"no entity {name!r} in the registry of this build", hint=hint)
