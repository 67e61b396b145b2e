import pytest

from newroles.accounts.permissions import MemberRole
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with the production hasher dominates test time and proves nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache as production configures it, emptied between tests only: rolled-back tests
    # reuse primary keys on SQLite (and plans start at version 1), so a value cached for one
    # test's plan would be found by the next test's plan of the same id and version.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def member_of(db):
    """member_of(organisation, role) -> a user with that role in that organisation."""

    def make(organisation, role=MemberRole.LEAD):
        return MembershipFactory(organisation=organisation, role=role).user

    return make


@pytest.fixture
def lead(organisation, member_of):
    return member_of(organisation, MemberRole.LEAD)


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


@pytest.fixture
def other_client():
    """A second browser, for a second person acting at the same time."""
    from django.test import Client

    return Client()


@pytest.fixture
def cycle(db):
    """The six stages and their good-practice points, as `make run` loads them."""
    from planning.reference import load_cycle

    load_cycle()
