"""Addresses are remembered per process (`links.cached_reverse`, behind every `{% url %}`):
the same as Django's `reverse()` for every argument, prefix and URL configuration."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from newroles.ui.links import cached_reverse


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_the_same_address_as_reverse_for_names_with_and_without_arguments():
    assert cached_reverse("planning:plan_list") == reverse("planning:plan_list")
    assert cached_reverse("planning:plan_detail", args=[7]) == reverse(
        "planning:plan_detail", args=[7]
    )
    stage = ["setting-a-foundation"]
    assert cached_reverse("planning:stage", args=[7, *stage]) == "/plans/7/stages/" + (
        "setting-a-foundation/"
    )
    assert cached_reverse("planning:plan_detail", kwargs={"plan_pk": 8}) == "/plans/8/"


def test_a_name_or_argument_that_matches_nothing_still_fails_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            cached_reverse("planning:stage", args=[7, "no such/stage"])
        with pytest.raises(NoReverseMatch):
            cached_reverse("planning:no_such_page")


def test_a_script_prefix_is_part_of_the_address():
    assert cached_reverse("planning:plan_detail", args=[9]) == "/plans/9/"
    set_script_prefix("/newroles/")
    try:
        assert cached_reverse("planning:plan_detail", args=[9]) == "/newroles/plans/9/"
    finally:
        set_script_prefix("/")
    assert cached_reverse("planning:plan_detail", args=[9]) == "/plans/9/"


def test_other_arguments_are_reversed_as_django_does():
    class Key:
        def __str__(self):
            return "12"

    assert cached_reverse("planning:plan_detail", args=[Key()]) == "/plans/12/"


def test_the_url_tag_renders_as_djangos_in_every_form():
    assert render("{% url 'planning:plan_detail' pk %}", pk=5) == "/plans/5/"
    assert render("{% url 'planning:plan_detail' plan_pk=pk %}", pk=5) == "/plans/5/"
    assert render("{% url 'planning:plan_detail' 5 as link %}[{{ link }}]") == "[/plans/5/]"
    assert render("{% url 'planning:no_such_page' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'planning:no_such_page' %}")


def test_every_template_uses_the_remembering_tag_without_loading_it():
    node = engines["django"].from_string("{% url 'home' %}").template.nodelist[0]
    assert type(node).__name__ == "CachedURLNode"
