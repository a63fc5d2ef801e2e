"""One hierarchy for every error Fairshore raises on purpose.

Every message is written for the person who has to act on it: what is wrong, and
what to do. Entry points catch ``FairshoreError`` and show the message, never a
traceback; the API maps each branch to a status code in one place.

::

    FairshoreError
    ├── ConfigError            settings missing or invalid at start-up
    ├── WorkspaceError         workspace missing, unreadable or from a newer version
    ├── InputError             a value a user gave is invalid (bad timezone, bad date ...)
    │   ├── NotFoundError      an id that does not exist
    │   └── ConflictError      an id that already exists, a duplicate
    ├── IngestError            a vendor file rejected whole (unreadable, wrong columns ...)
    ├── ContractError          a contract file that does not validate
    ├── StaffingError          a queueing question with no answer (bad inputs)
    ├── ScenarioError          a cost scenario file that does not validate
    ├── VettingError           rubric, questionnaire or evidence problems
    ├── PrivacyError           sharing policy, redaction, incidents
    ├── GovernanceError        illegal state transitions of findings and audits
    ├── AccessError            who may see or change what
    │   ├── UnauthenticatedError   no valid session or API token
    │   └── ForbiddenError         signed in, but the role may not do this
    └── EngineError            an analytics engine that cannot run a computation
"""

from __future__ import annotations


class FairshoreError(Exception):
    """Root of every error Fairshore raises on purpose."""


class ConfigError(FairshoreError):
    """Settings are missing or invalid."""


class WorkspaceError(FairshoreError):
    """The workspace is missing, unreadable or made by a newer version."""


class InputError(FairshoreError):
    """A value given by a user is invalid."""


class NotFoundError(InputError):
    """An id that does not exist."""


class ConflictError(InputError):
    """An id that already exists."""


class IngestError(FairshoreError):
    """A vendor file was rejected whole."""


class ContractError(FairshoreError):
    """A contract file does not validate."""


class StaffingError(FairshoreError):
    """A queueing or staffing question cannot be answered with these inputs."""


class ScenarioError(FairshoreError):
    """A total-cost-of-ownership scenario does not validate."""


class VettingError(FairshoreError):
    """A rubric, questionnaire or evidence problem."""


class PrivacyError(FairshoreError):
    """A sharing policy, redaction or incident problem."""


class GovernanceError(FairshoreError):
    """An illegal change to a finding, audit or case."""


class AccessError(FairshoreError):
    """An access-control refusal."""


class UnauthenticatedError(AccessError):
    """No valid session or API token."""


class ForbiddenError(AccessError):
    """The principal's role may not do this."""


class EngineError(FairshoreError):
    """An analytics engine cannot run a computation."""
