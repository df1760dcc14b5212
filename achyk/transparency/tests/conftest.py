import pytest

from achyk.transparency.models import Duty

from . import factories


@pytest.fixture(autouse=True)
def _own_register(request):
    """Tests build the register they need (factories.duty), without the seeded one; modules
    that test the seeded register say so with `SEEDED_REGISTER = True`."""
    if getattr(request.module, "SEEDED_REGISTER", False):
        return
    if not {"db", "transactional_db"} & set(request.fixturenames):
        return
    request.getfixturevalue("db")
    Duty.objects.all().delete()


@pytest.fixture
def empty_register(db):
    """No duties but the test's own."""
    Duty.objects.all().delete()


@pytest.fixture
def provider(monkeypatch):
    """Evidence given by hand for a page, an act and the contacts page; a module that needs
    other keys defines its own."""
    return factories.hand_provider(monkeypatch, keys=("test:page", "test:act", "page:contact"))
