"""What differs between the API source kinds: address, sign-in and pages.

Everything else (ingest of each page as a batch, the cursor saved after it, the page
budget, rate limits) is the same for every kind and lives in :mod:`.services`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from fairshore.errors import InputError
from fairshore.sources import freshdesk, zendesk, zendesk_talk
from fairshore.sources.http import JsonClient
from fairshore.sources.model import Source, SourceKind
from fairshore.sources.page import Page

SUBDOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62})+")
SIGN_IN_BY_EMAIL: frozenset[SourceKind] = frozenset({"zendesk", "zendesk-talk"})


def base_url(kind: SourceKind, *, subdomain: str | None, domain: str | None) -> str:
    """The API address of a helpdesk account from its subdomain (Zendesk) or domain
    (Freshdesk: ``acme.freshdesk.com``, ``acme`` for short, or the helpdesk's own)."""
    if kind == "freshdesk":
        name = (domain or "").lower().removeprefix("https://").rstrip("/")
        if SUBDOMAIN.fullmatch(name):
            name = f"{name}.freshdesk.com"
        if not DOMAIN.fullmatch(name):
            raise InputError("give the Freshdesk domain with --domain (acme.freshdesk.com)")
        return f"https://{name}"
    if subdomain is None or not SUBDOMAIN.fullmatch(subdomain):
        raise InputError("give the Zendesk subdomain (the 'acme' of acme.zendesk.com)")
    return f"https://{subdomain}.zendesk.com"


def auth(source: Source, token: str) -> tuple[str, str]:
    """Basic auth: Zendesk ``{email}/token`` and the API token; Freshdesk the API key
    and ``X`` (its documented dummy password)."""
    if source.kind == "freshdesk":
        return token, "X"
    return f"{source.email}/token", token


def pages(source: Source, client: JsonClient, state: Path) -> Iterator[Page]:
    """The source's pages from its cursor; ``state`` is its folder in the workspace."""
    if source.kind == "freshdesk":
        return freshdesk.pages(source, client, state)
    if source.kind == "zendesk-talk":
        return zendesk_talk.pages(source, client)
    return zendesk.pages(source, client)
