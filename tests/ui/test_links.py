"""RecordUrls gives exactly what reverse() gives, for any record."""

import pytest
from django.urls import reverse

from newroles.ui.links import PLACEHOLDER, RecordUrls


@pytest.mark.parametrize(
    "name", ["planning:action_update", "planning:risk_update", "governance:stakeholder_update"]
)
@pytest.mark.parametrize(("plan_pk", "pk"), [(1, 2), (7, 7), (PLACEHOLDER, 3), (12, 123456)])
def test_each_address_is_what_reverse_gives(name, plan_pk, pk):
    assert RecordUrls(name, plan_pk)(pk) == reverse(name, args=[plan_pk, pk])


def test_only_whole_numbers_go_in():
    with pytest.raises(ValueError):
        RecordUrls("planning:action_update", 1)("1/../../admin")
