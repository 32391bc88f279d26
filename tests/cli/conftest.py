"""What the tests of the commands share: the draft `coi-graph extract` makes of the seed news article."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, run_cli

NEWS = DATA / "documents" / "newsaz-2025-10-20-iraq-us-advisers.txt"


@pytest.fixture(scope="module")
def news_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The draft `coi-graph extract` makes of the seed news article, every candidate kept."""
    out = tmp_path_factory.mktemp("drafts") / "news.trig"
    result = run_cli("extract", str(NEWS), "--data", str(DATA), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out
