import pytest

from newroles.accounts.permissions import MemberRole
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with the production hasher dominates test time and proves nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rolled-back tests reuse primary keys (and plans start at version 1), so a value cached
    # for one test's plan would be found by the next test's plan of the same pk and version.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _direct_writes_refresh_plan_cache(request):
    """Tests set up plan content with factories and direct saves, which the app never does:
    its changes go through planning.records, which raise the plan's version (what the plan
    cache is keyed on). So that such set-up shows on the next page, any direct save or delete
    empties the cache here. Tests of the cache itself ask for `real_plan_cache` and get none
    of this: only the app's own bookkeeping keeps them right."""
    if "real_plan_cache" in request.fixturenames:
        yield
        return
    from django.core.cache import cache
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def clear(**kwargs):
        cache.clear()

    signals = (post_save, post_delete, m2m_changed)
    for signal in signals:
        signal.connect(clear, dispatch_uid="tests-plan-cache")
    yield
    for signal in signals:
        signal.disconnect(dispatch_uid="tests-plan-cache")


@pytest.fixture
def real_plan_cache():
    """The plan cache as in production: only plan versions, the date and the reference
    generation decide what is recomputed (see `_direct_writes_refresh_plan_cache`)."""


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
