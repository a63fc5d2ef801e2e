"""Zendesk Support: tickets with their metrics from the incremental cursor export.

``GET /api/v2/incremental/tickets/cursor.json?start_time=T&include=metric_sets`` on
the first sync, then ``?cursor=C&include=metric_sets`` from the saved ``after_cursor``
(Zendesk developer docs, "Incremental Exports": cursor-based ticket export; each page
holds up to 1000 tickets, ``after_cursor``, ``after_url`` and ``end_of_stream``;
``metric_sets`` side-loads each ticket's metrics). Satisfaction ratings come inside
each ticket (``satisfaction_rating``). A page is ingested as it is, by the ``zendesk``
format adapter, so deleted tickets retract and newer versions replace older ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from fairshore.sources.http import JsonClient, SourceError
from fairshore.sources.model import Source
from fairshore.sources.page import Page

PATH = "/api/v2/incremental/tickets/cursor.json"
__all__ = ["Page", "first_url", "pages"]


def first_url(source: Source) -> str:
    """Where this sync starts: the saved cursor, else the source's start time."""
    if source.cursor:
        return _url(source, {"cursor": source.cursor})
    return _url(source, {"start_time": source.start_time})


def _url(source: Source, query: dict[str, Any]) -> str:
    query = query | {"include": "metric_sets"}
    return f"{source.base_url.rstrip('/')}{PATH}?{urlencode(query)}"


def pages(source: Source, client: JsonClient) -> Iterator[Page]:
    """The export's pages from the source's position, until the end of the stream."""
    url = first_url(source)
    while True:
        content, body = client.get(url)
        if not isinstance(body, dict) or not isinstance(body.get("tickets"), list):
            raise SourceError(f"{url} is not a Zendesk incremental export page (no tickets)")
        after = body.get("after_cursor")
        end = bool(body.get("end_of_stream"))
        yield Page(content, len(body["tickets"]), after, end)
        if end or not after:
            return
        url = _url(source, {"cursor": after})
