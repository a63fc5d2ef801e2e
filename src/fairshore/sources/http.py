"""HTTP for connectors: JSON pages with the rate limits APIs document, and nothing else.

- 429 Too Many Requests: wait ``Retry-After`` seconds (Zendesk and Freshdesk send it,
  as an integer number of seconds), then ask again;
- 5xx and connection errors: back off exponentially (1, 2, 4 ... seconds, capped),
  at most ``retries`` times;
- any other 4xx: stop with the API's own message (a wrong token is not retried).

``sleep`` is injected so that tests wait no wall-clock time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from fairshore.errors import InputError

MAX_WAIT_S = 300.0


class SourceError(InputError):
    """The source refused or failed: the message says what to do."""


class MissingRecordError(SourceError):
    """404: the record asked for is not there (deleted since it was listed)."""


@dataclass
class JsonClient:
    """GETs JSON pages from one API with basic auth, retrying what is worth retrying."""

    auth: tuple[str, str]
    retries: int = 5
    timeout_s: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    waited_s: float = 0.0
    retried: int = 0
    _client: httpx.Client | None = field(default=None, repr=False)

    def __enter__(self) -> JsonClient:
        self._client = httpx.Client(auth=self.auth, timeout=self.timeout_s)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    def get(self, url: str) -> tuple[bytes, Any]:
        """The page's bytes (kept as evidence) and its parsed JSON."""
        content, body, _ = self.get_linked(url)
        return content, body

    def get_linked(self, url: str) -> tuple[bytes, Any, str | None]:
        """The page's bytes, its JSON and the URL of its ``Link: <...>; rel="next"``
        header (Freshdesk's pagination), None on the last page."""
        assert self._client is not None, "use JsonClient as a context manager"
        attempt = 0
        while True:
            try:
                answer = self._client.get(url, headers={"accept": "application/json"})
            except httpx.HTTPError as exc:
                problem = f"cannot reach {httpx.URL(url).host}: {exc}"
                answer = None
            if answer is not None and answer.status_code < 400:
                try:  # orjson: a 1000-ticket page parses several times faster than json
                    following = answer.links.get("next", {}).get("url")
                    return answer.content, orjson.loads(answer.content), following
                except ValueError:
                    raise SourceError(f"{url} did not answer JSON") from None
            if answer is not None and answer.status_code == 429:
                wait = _retry_after(answer.headers.get("retry-after"))
                problem = f"rate limited (429), asked to wait {wait:.0f} s"
            elif answer is not None and answer.status_code >= 500:
                wait = min(2.0**attempt, 60.0)
                problem = f"server error {answer.status_code}"
            elif answer is not None and answer.status_code == 404:
                raise MissingRecordError(_refusal(answer))
            elif answer is not None:
                raise SourceError(_refusal(answer))
            else:
                wait = min(2.0**attempt, 60.0)
            attempt += 1
            if attempt > self.retries:
                raise SourceError(f"gave up after {self.retries} retries: {problem}")
            self.retried += 1
            self.waited_s += wait
            self.sleep(wait)


def _retry_after(value: str | None) -> float:
    try:
        seconds = float(value) if value is not None else 60.0
    except ValueError:
        seconds = 60.0  # an HTTP date, or nonsense: a minute, as Zendesk's limit window
    return max(0.0, min(seconds, MAX_WAIT_S))


def _refusal(answer: httpx.Response) -> str:
    detail = answer.text[:300]
    if answer.status_code in (401, 403):
        return (
            f"the API refused the credentials ({answer.status_code}): check the e-mail "
            f"(Zendesk) and the token or API key in the environment variable; {detail}"
        )
    return f"the API answered {answer.status_code}: {detail}"
