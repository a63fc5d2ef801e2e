"""Zendesk Talk: calls from the incremental calls export (time-based).

``GET /api/v2/channels/voice/stats/incremental/calls?start_time=T`` (Zendesk developer
docs, Talk API "Incremental Exports"): a page holds the calls created or changed at or
after ``T``, oldest change first, with ``next_page``, ``count`` and ``end_time``. The
``next_page`` URL carries ``start_time=end_time`` and, unlike other endpoints, is never
null: the docs say to use ``count`` to tell whether more calls are there now, so the
stream ends at a page with fewer than 1000 calls. The cursor is that ``end_time``.
Because the next page starts *at* ``end_time``, the calls changed in that second come
twice; the second copy is the same version (``unchanged`` in the lake). Each page is
ingested as it is by the ``zendesk-talk`` format adapter (``updated_at`` fills the row
version column), the same adapter a file of these pages goes through.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from fairshore.sources.http import JsonClient, SourceError
from fairshore.sources.model import Source
from fairshore.sources.page import Page

PATH = "/api/v2/channels/voice/stats/incremental/calls"
PAGE_LIMIT = 1000  # Zendesk's page size for incremental exports
FORMAT = "zendesk-talk"


def url_at(source: Source, start_time: int) -> str:
    """The export page starting at ``start_time`` (Unix seconds)."""
    return f"{source.base_url.rstrip('/')}{PATH}?{urlencode({'start_time': start_time})}"


def _start(source: Source) -> int:
    if not source.cursor:
        return source.start_time
    try:
        return int(source.cursor)
    except ValueError:
        raise SourceError(
            f"source {source.id}: the saved position {source.cursor!r} is not a Unix time"
        ) from None


def pages(source: Source, client: JsonClient) -> Iterator[Page]:
    """The export's pages from the saved ``end_time`` until a page that is not full."""
    start = _start(source)
    while True:
        url = url_at(source, start)
        content, body = client.get(url)
        if not isinstance(body, dict) or not isinstance(body.get("calls"), list):
            raise SourceError(f"{url} is not a Zendesk Talk incremental calls page (no calls)")
        calls = body["calls"]
        count = body.get("count")
        count = count if isinstance(count, int) else len(calls)
        end_time = body.get("end_time")
        if not isinstance(end_time, int):
            if calls:
                raise SourceError(f"{url}: a page of calls without an end_time")
            return  # nothing changed since the cursor
        last = count < PAGE_LIMIT
        if not last and end_time <= start:
            raise SourceError(
                f"{url}: more than {PAGE_LIMIT} calls changed in the second {start}; "
                "the export cannot move past it (ask Zendesk support)"
            )
        if calls:
            yield Page(content, len(calls), str(end_time), last, format=FORMAT)
        if last:
            return
        # next_page is start_time=end_time on the same host: built here rather than
        # followed, so the credentials never go to an address the answer names
        start = end_time
