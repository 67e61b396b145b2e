import pytest

from newroles.accounts.permissions import MemberRole
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with the production hasher dominates test time and proves nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _documents_built_at_once(settings):
    # Documents are built in the request that asks (Django's ImmediateBackend), so a test
    # downloads a PDF in one GET; tests of the worker and the progress page ask for
    # `task_worker` instead, which puts back the database queue production uses.
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def task_worker(settings):
    """The production task queue (django-tasks-db); calling the fixture runs the worker
    until the queue is empty, as `manage.py db_worker --batch` does. Use it in tests marked
    `django_db(transaction=True)`: the worker commits as it goes."""
    from django.core.management import call_command

    settings.TASKS = DATABASE_TASKS

    def run():
        call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")

    return run


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
