import pytest

from tests.factories import ImplementationPlanFactory


@pytest.fixture
def plan(organisation):
    return ImplementationPlanFactory(
        organisation=organisation, need="People in crisis wait days for an assessment."
    )


@pytest.fixture
def other_plan(organisation):
    """Another plan of the same organisation: its records must not leak into `plan`'s."""
    return ImplementationPlanFactory(organisation=organisation)
