"""The one place that maps Fairshore's errors to HTTP status codes."""

from __future__ import annotations

from fairshore.errors import (
    ConflictError,
    FairshoreError,
    ForbiddenError,
    GovernanceError,
    IngestError,
    InputError,
    NotFoundError,
    UnauthenticatedError,
)

STATUS: tuple[tuple[type[FairshoreError], int], ...] = (
    (UnauthenticatedError, 401),
    (ForbiddenError, 403),
    (NotFoundError, 404),
    (ConflictError, 409),
    (GovernanceError, 409),
    (IngestError, 422),
    (InputError, 422),
    (FairshoreError, 400),
)


def status_for(exc: FairshoreError) -> int:
    """The HTTP status of an error (the most specific branch wins)."""
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 400
