"""Where to go after signing in: the page the user asked for, if it is safe.

A deep link (``/portal/findings/25``) opened without a session goes to
``/login?next=/portal/findings/25`` and, once signed in, back to that page. ``next``
comes from the address bar, so it is an open-redirect vector: only a path on this
site is followed (one leading ``/``, no scheme, no host, no backslash, no control
character), never the sign-in pages themselves; anything else goes home.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

HOME = "/"
# Pages that must not be returned to: they would sign in again or out.
_NOT_AFTER_SIGN_IN = ("/login", "/logout")
MAX_LENGTH = 2000


def safe_next(candidate: str | None) -> str:
    """``candidate`` if it is a same-site path worth returning to, else ``/``."""
    if not candidate or len(candidate) > MAX_LENGTH:
        return HOME
    if not candidate.startswith("/") or candidate.startswith("//"):
        return HOME  # relative, or protocol-relative (//evil.example)
    if "\\" in candidate or any(ord(c) < 0x20 or ord(c) == 0x7F for c in candidate):
        return HOME  # browsers read "/\evil.example" as another host; CR/LF split headers
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc:
        return HOME
    if any(parts.path == p or parts.path.startswith(p + "/") for p in _NOT_AFTER_SIGN_IN):
        return HOME
    return candidate


def login_url(path: str, query: str = "") -> str:
    """The sign-in page that returns to ``path`` (with its ``query``) afterwards."""
    target = path + (f"?{query}" if query else "")
    if safe_next(target) == HOME:
        return "/login"
    return "/login?next=" + quote(target, safe="")
