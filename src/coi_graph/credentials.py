"""Credentials for a remote store: a user name given on the command line, its password from the environment,
a netrc file or a prompt; sent with HTTP Basic or Digest, whichever the store asks for.

A password is never taken from a URL, never printed and never logged: :class:`Credentials` hides it in its
``repr``, and a URL with a user name or password in it is refused before anything is sent.
"""

from __future__ import annotations

import netrc
import os
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coi_graph.errors import CoiGraphError

PASSWORD_VARIABLE = "COI_GRAPH_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A user name and its password (hidden in ``repr``)."""

    user: str
    password: str = field(repr=False)


def refuse_userinfo(url: str) -> None:
    """A URL must not carry a user name or password (it would end up in logs and shell histories)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        shown = parts._replace(netloc=netloc)
        raise CoiGraphError(
            f"{urllib.parse.urlunsplit(shown)}: the URL holds a user name or password",
            hint=f"give the user with --user NAME and the password in {PASSWORD_VARIABLE} or ~/.netrc",
        )


def _from_netrc(host: str, user: str, path: Path | None) -> str | None:
    try:
        entries = netrc.netrc(str(path) if path is not None else None)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as exc:
        raise CoiGraphError(f"{exc.filename}:{exc.lineno}: {exc.msg}", hint="correct the netrc file") from None
    found = entries.authenticators(host)
    if found is None or (found[0] and found[0] != user):
        return None
    return found[2]


def resolve(
    user: str | None,
    url: str,
    *,
    environ: Mapping[str, str] | None = None,
    netrc_path: Path | None = None,
    prompt: Callable[[str], str] | None = None,
) -> Credentials | None:
    """The credentials for ``url``: none without ``user``; the password from ``COI_GRAPH_PASSWORD``, else the
    netrc file's entry for the host and user (``NETRC`` or ~/.netrc), else ``prompt`` (when there is one)."""
    refuse_userinfo(url)
    if not user:
        return None
    environ = os.environ if environ is None else environ
    password = environ.get(PASSWORD_VARIABLE)
    if password is None:
        host = urllib.parse.urlsplit(url).hostname or ""
        path = netrc_path if netrc_path is not None else (Path(environ["NETRC"]) if "NETRC" in environ else None)
        password = _from_netrc(host, user, path)
    if password is None and prompt is not None:
        password = prompt(f"password of {user} at {urllib.parse.urlsplit(url).hostname}")
    if password is None:
        raise CoiGraphError(
            f"no password for {user}",
            hint=f"set {PASSWORD_VARIABLE}, or add 'machine HOST login {user} password ...' to ~/.netrc",
        )
    return Credentials(user, password)


def opener(credentials: Credentials | None, url: str) -> urllib.request.OpenerDirector:
    """An opener that answers the store's challenge for ``url``'s origin with Basic or Digest."""
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    parts = urllib.parse.urlsplit(url)
    passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", credentials.user, credentials.password)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)
    )
