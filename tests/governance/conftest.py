import pytest

from tests.factories import ImplementationPlanFactory


@pytest.fixture
def plan(organisation, cycle):
    return ImplementationPlanFactory(organisation=organisation)
