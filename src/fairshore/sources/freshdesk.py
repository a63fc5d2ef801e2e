"""Freshdesk: tickets changed since the cursor, with their stats and satisfaction ratings.

Freshdesk API v2 (developers.freshdesk.com/api): basic auth with the API key as user
and ``X`` as password.

- Tickets: ``GET /api/v2/tickets?updated_since=<ISO>&order_by=updated_at&order_type=asc
  &per_page=100&page=N&include=stats`` ("List All Tickets"; without ``updated_since``
  Freshdesk lists only the last 30 days). The answer is a JSON array; a ``Link: <...>;
  rel="next"`` header says there is another page; ``page`` stops at 300. Offsets shift
  when a ticket changes while it is being paged (it moves to the end and the others
  move up one), so each page after the first starts a new window at the last
  ticket's ``updated_at`` (page 1 again) and drops the tickets of that second already
  ingested (their ids are in the cursor). Only a page whose tickets all changed in
  one second pages on within its window (``page=N+1``), never past page 300.
- Satisfaction ratings: ``GET /api/v2/surveys/satisfaction_ratings?created_since=<ISO>
  &per_page=100&page=N``. A rating is joined to its ticket by the ``freshdesk`` format
  adapter when both are in one batch, so every rating fetched is kept in
  ``<workspace>/sources/<id>/satisfaction_ratings.json`` (the latest per ticket, only
  the fields the adapter reads: no feedback text) and a page's batch carries the
  ratings of its tickets; a ticket rated after its last change is fetched again
  (``GET /api/v2/tickets/<id>?include=stats``) to carry its new rating.
  ``ratings_since`` moves only when a sync reaches the end, so a resumed sync fetches
  the same ratings again (merging is idempotent).

The cursor (JSON) is ``{"updated_since", "page", "seen", "ratings_since", "rated",
"joined"}``, saved after each page's batch is in the lake; ``joined`` lists the ratings
this round's batches carried, so a sync resumed in the same round (after a kill or a
page budget) fetches again only the tickets whose rating is still not in the lake.
Each page is read by the ``freshdesk`` format adapter, the one a Freshdesk export file
goes through, so a synced ticket is a file-ingested one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson

from fairshore.sources.http import JsonClient, MissingRecordError, SourceError
from fairshore.sources.model import Source
from fairshore.sources.page import Page

TICKETS = "/api/v2/tickets"
RATINGS = "/api/v2/surveys/satisfaction_ratings"
PER_PAGE = 100
MAX_PAGE = 300  # Freshdesk lists at most 300 pages of one query
FORMAT = "freshdesk"
RATINGS_FILE = "satisfaction_ratings.json"
# what the freshdesk adapter reads of a rating, and its order: the rest (the customer's
# free-text feedback, user ids) is not kept outside the lake
RATING_FIELDS = ("id", "ticket_id", "created_at", "ratings")


@dataclass
class Position:
    """Where the next sync starts (the cursor, as JSON in the source's row)."""

    updated_since: str
    ratings_since: str
    page: int = 1
    seen: list[int] = field(default_factory=list)  # ids ingested at updated_since
    rated: list[int] = field(default_factory=list)  # rating ids taken at ratings_since
    joined: list[int] = field(default_factory=list)  # rating ids ingested this round

    def dump(self) -> str:
        return json.dumps(
            {"updated_since": self.updated_since, "page": self.page,
             "seen": sorted(self.seen), "ratings_since": self.ratings_since,
             "rated": sorted(self.rated), "joined": sorted(self.joined)},
            separators=(",", ":"),
        )  # fmt: skip


def iso(unix: int) -> str:
    """Unix seconds as Freshdesk writes times (``2026-10-01T08:00:00Z``)."""
    return datetime.fromtimestamp(unix, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise SourceError(f"Freshdesk sent a record without a time: {value!r}")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise SourceError(f"Freshdesk sent a time that does not parse: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def position(source: Source) -> Position:
    """The saved cursor, or the start of the first sync."""
    if not source.cursor:
        start = iso(source.start_time)
        return Position(updated_since=start, ratings_since=start)
    try:
        data = json.loads(source.cursor)
        return Position(
            updated_since=str(data["updated_since"]), ratings_since=str(data["ratings_since"]),
            page=int(data["page"]), seen=[int(i) for i in data["seen"]],
            rated=[int(i) for i in data["rated"]], joined=[int(i) for i in data["joined"]],
        )  # fmt: skip
    except (ValueError, KeyError, TypeError):
        raise SourceError(f"source {source.id}: the saved position is damaged") from None


def _url(source: Source, path: str, query: dict[str, Any]) -> str:
    return f"{source.base_url.rstrip('/')}{path}?{urlencode(query)}"


def tickets_url(source: Source, at: Position) -> str:
    """One page of the tickets changed at or after ``at.updated_since``."""
    return _url(source, TICKETS, {
        "updated_since": at.updated_since, "order_by": "updated_at", "order_type": "asc",
        "per_page": PER_PAGE, "page": at.page, "include": "stats",
    })  # fmt: skip


class Ratings:
    """Every satisfaction rating fetched so far, the latest per ticket, kept on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.by_ticket: dict[int, dict[str, Any]] = {}
        self.fresh: set[int] = set()  # tickets rated since ratings_since
        self.newest: str | None = None
        self.at_newest: list[int] = []  # the ids of the ratings created at ``newest``
        if path.is_file():
            loaded = orjson.loads(path.read_bytes())
            self.by_ticket = {int(k): v for k, v in loaded.items()}

    def fetch(self, source: Source, client: JsonClient, at: Position) -> None:
        """Merge the ratings created since the position and write the store back (the
        ones of its second that were taken already are not new)."""
        since, taken = at.ratings_since, set(at.rated)
        query = {"created_since": since, "per_page": PER_PAGE, "page": 1}
        url: str | None = _url(source, RATINGS, query)
        while url is not None:
            _, body, following = client.get_linked(url)
            if not isinstance(body, list):
                raise SourceError(f"{url} is not a list of Freshdesk satisfaction ratings")
            for rating in body:
                if not isinstance(rating, dict):
                    raise SourceError(f"{url}: a rating that is not an object: {rating!r:.200}")
                if rating.get("id") in taken and _time(rating.get("created_at")) == _time(since):
                    continue
                self._merge(rating)
            url = _same_host(source, following)
        scratch = self.path.with_suffix(".part")
        scratch.write_bytes(orjson.dumps({str(k): v for k, v in self.by_ticket.items()}))
        scratch.replace(self.path)  # all or nothing: a killed sync leaves the old store

    def _merge(self, rating: dict[str, Any]) -> None:
        tid, rid = rating.get("ticket_id"), rating.get("id")
        if not isinstance(tid, int) or not isinstance(rid, int):
            raise SourceError(f"a satisfaction rating without numeric ids: {str(rating)[:200]}")
        order = (_time(rating.get("created_at")), rid)
        held = self.by_ticket.get(tid)
        if held is None or order >= (_time(held.get("created_at")), int(held.get("id") or 0)):
            self.by_ticket[tid] = {k: rating.get(k) for k in RATING_FIELDS}
        self.fresh.add(tid)
        if self.newest is None or order[0] > _time(self.newest):
            self.newest, self.at_newest = rating["created_at"], []
        if order[0] == _time(self.newest):
            self.at_newest.append(order[1])

    def moved(self, at: Position) -> None:
        """Past every rating fetched: the next sync asks from the newest one's time."""
        if self.newest is None:
            return
        same = _time(self.newest) == _time(at.ratings_since)
        at.rated = sorted({*self.at_newest, *(at.rated if same else ())})
        at.ratings_since, at.joined = self.newest, []

    def late(self, at: Position) -> list[int]:
        """Tickets whose newest rating no batch of this round has carried."""
        joined = set(at.joined)
        return sorted(t for t in self.fresh if int(self.by_ticket[t].get("id") or 0) not in joined)

    def join(self, at: Position, tickets: list[dict[str, Any]]) -> None:
        """Note the fresh ratings that ``tickets``' batch carries."""
        carried = {int(self.by_ticket[t["id"]].get("id") or 0)
                   for t in tickets if t["id"] in self.fresh}  # fmt: skip
        if carried:
            at.joined = sorted({*at.joined, *carried})

    def file_for(self, tickets: list[dict[str, Any]]) -> tuple[bytes, ...]:
        """The ratings of ``tickets`` as a second file of their batch (none: no file)."""
        found = [self.by_ticket[t["id"]] for t in tickets if t.get("id") in self.by_ticket]
        return (orjson.dumps(found),) if found else ()


def _same_host(source: Source, url: str | None) -> str | None:
    """The next page's URL, only on the source's own address (the key goes with it)."""
    if url is None:
        return None
    if not url.startswith(source.base_url.rstrip("/") + "/"):
        raise SourceError(f"Freshdesk's next page {url} is not on {source.base_url}")
    return url


def pages(source: Source, client: JsonClient, state: Path) -> Iterator[Page]:
    """The pages of tickets changed since the cursor, then the tickets rated since."""
    at = position(source)
    ratings = Ratings(state / RATINGS_FILE)
    ratings.fetch(source, client, at)
    while True:
        url = tickets_url(source, at)
        _, body, following = client.get_linked(url)
        if not isinstance(body, list):
            raise SourceError(f"{url} is not a list of Freshdesk tickets")
        listed = _checked(body, url)
        since = _time(at.updated_since)
        new = [t for t in listed if not (t["id"] in at.seen and _time(t["updated_at"]) == since)]
        at = _advance(at, listed, more=following is not None)
        ratings.join(at, new)
        last = following is None
        late = ratings.late(at) if last else []
        if last and not late:
            ratings.moved(at)
        # a page with nothing new still moves the cursor (no batch is made of it)
        content, extra = orjson.dumps(new), ratings.file_for(new)
        yield Page(content, len(new), at.dump(), last and not late, FORMAT, extra)
        if last:
            break
    yield from _rated_again(source, client, at, ratings, late)


def _checked(tickets: list[Any], url: str) -> list[dict[str, Any]]:
    """The page's tickets, each with a numeric id and a change time (the cursor needs
    both): anything else stops the sync with the page's address rather than drop it."""
    for ticket in tickets:
        if not isinstance(ticket, dict) or not isinstance(ticket.get("id"), int):
            raise SourceError(f"{url}: a ticket without a numeric id: {str(ticket)[:200]}")
        _time(ticket.get("updated_at"))
    return tickets


def _advance(at: Position, listed: list[dict[str, Any]], *, more: bool) -> Position:
    """The position after a page: a new window at its last change, or the next page
    of this window when every ticket on it changed in the window's first second."""
    if not listed:
        return at
    newest = listed[-1]["updated_at"]
    at_newest = [t["id"] for t in listed if _time(t["updated_at"]) == _time(newest)]
    if _time(newest) > _time(at.updated_since):
        return replace(at, updated_since=newest, page=1, seen=at_newest)
    if more and at.page >= MAX_PAGE:
        raise SourceError(
            f"more than {MAX_PAGE * PER_PAGE} Freshdesk tickets changed at {newest}: "
            "the list cannot page past them"
        )
    page = at.page + 1 if more else at.page
    return replace(at, page=page, seen=sorted({*at.seen, *at_newest}))


def _rated_again(
    source: Source, client: JsonClient, at: Position, ratings: Ratings, late: list[int]
) -> Iterator[Page]:
    """Tickets rated after their last change, fetched one by one, by pages of 100."""
    for start in range(0, len(late), PER_PAGE):
        chunk: list[dict[str, Any]] = []
        for tid in late[start : start + PER_PAGE]:
            try:
                _, ticket = client.get(_url(source, f"{TICKETS}/{tid}", {"include": "stats"}))
            except MissingRecordError:
                continue  # deleted since it was rated: no ticket to carry the rating
            if isinstance(ticket, dict) and ticket.get("id") == tid:
                chunk.append(ticket)
        ratings.join(at, chunk)
        end = start + PER_PAGE >= len(late)
        if end:
            ratings.moved(at)
        content = orjson.dumps(chunk)
        yield Page(content, len(chunk), at.dump(), end, FORMAT, ratings.file_for(chunk))
