"""Values shared by the plans' models in `models.py` and `monitoring.py` (so that neither
module imports the other back)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]
#: The kind of reference (`bodies.references`) an action names its budget line by: the budget
#: app's lines, never imported here.
BUDGET_LINE = "budget.line"


class Status(models.TextChoices):
    PLANNED = "planned", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")
