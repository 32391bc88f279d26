"""The fixture the tests of the rule families share: the gazetteer of the seed registry."""

from __future__ import annotations

import pytest

from coi_graph.extract import gazetteer
from coi_graph.extract.gazetteer import Gazetteer
from tests.conftest import DATA


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer.load(DATA)
