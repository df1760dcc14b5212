import pytest

from achyk.transparency.models import Duty


@pytest.fixture
def empty_register(db):
    """No duties but the test's own (the seeded register is tested on its own)."""
    Duty.objects.all().delete()
