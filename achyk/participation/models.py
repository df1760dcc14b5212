"""The models of participation live by noun: `needs` (the needs study), `events` (the body's
own public events), `groups` (initiative and monitoring groups)."""

from .events.models import Event, Kind  # noqa: F401
from .groups.models import Gender, Group, GroupKind, Member, Role  # noqa: F401
from .needs.models import (  # noqa: F401
    Checklist,
    FocusGroup,
    NeedsStudy,
    OwnCategory,
    Priority,
    Problem,
    ProblemCategory,
    Settlement,
    Tally,
    TallyChange,
)
