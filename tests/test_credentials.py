"""Credentials for a remote store (coi_graph.credentials): where the password comes from, what is refused,
that it is never shown, and that the opener answers Basic and Digest challenges."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from coi_graph.credentials import PASSWORD_VARIABLE, Credentials, opener, refuse_userinfo, resolve
from coi_graph.errors import CoiGraphError

URL = "http://store.example:8890/sparql-graph-crud-auth"


def test_no_user_means_no_credentials() -> None:
    assert resolve(None, URL, environ={PASSWORD_VARIABLE: "secret"}) is None


def test_the_password_comes_from_the_environment_first(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine store.example login dba password from-netrc\n")
    netrc.chmod(0o600)
    found = resolve("dba", URL, environ={PASSWORD_VARIABLE: "from-env"}, netrc_path=netrc)
    assert found == Credentials("dba", "from-env")


def test_then_from_the_netrc_entry_of_the_host_and_user(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine other.example login dba password no\nmachine store.example login dba password yes\n")
    netrc.chmod(0o600)
    assert resolve("dba", URL, environ={}, netrc_path=netrc) == Credentials("dba", "yes")
    with pytest.raises(CoiGraphError, match="no password for someone"):
        resolve("someone", URL, environ={}, netrc_path=netrc)  # the entry is for another user


def test_then_from_the_prompt_and_else_an_error_saying_where_to_put_it(tmp_path: Path) -> None:
    asked: list[str] = []
    found = resolve(
        "dba", URL, environ={}, netrc_path=tmp_path / "none", prompt=lambda text: asked.append(text) or "typed"
    )
    assert found == Credentials("dba", "typed") and asked == ["password of dba at store.example"]
    with pytest.raises(CoiGraphError) as refused:
        resolve("dba", URL, environ={}, netrc_path=tmp_path / "none")
    assert PASSWORD_VARIABLE in (refused.value.hint or "") and ".netrc" in (refused.value.hint or "")


@pytest.mark.parametrize("url", ["http://dba:secret@store.example/sparql", "http://dba@store.example:8890/x"])
def test_a_url_with_a_user_or_password_is_refused_without_showing_them(url: str) -> None:
    with pytest.raises(CoiGraphError) as refused:
        refuse_userinfo(url)
    shown = str(refused.value) + (refused.value.hint or "")
    assert "secret" not in shown and "dba@" not in shown
    assert "store.example" in shown and "--user" in shown


def test_the_password_is_not_in_the_repr() -> None:
    assert "secret" not in repr(Credentials("dba", "secret"))


def test_the_opener_answers_basic_and_digest_for_the_stores_origin() -> None:
    director = opener(Credentials("dba", "secret"), URL)
    kinds = {type(h) for h in director.handlers}
    assert {urllib.request.HTTPBasicAuthHandler, urllib.request.HTTPDigestAuthHandler} <= kinds
    digest = next(h for h in director.handlers if isinstance(h, urllib.request.HTTPDigestAuthHandler))
    assert digest.passwd.find_user_password(None, "http://store.example:8890/sparql") == ("dba", "secret")
    assert digest.passwd.find_user_password(None, "http://elsewhere.example/") == (None, None)
    assert not any(isinstance(h, urllib.request.HTTPDigestAuthHandler) for h in opener(None, URL).handlers)
