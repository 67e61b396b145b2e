"""Every URL pattern of the product, found from the resolver so that new pages are covered.

    for route in routes():
        route.name        # "planning:risk_update"
        route.view_class  # RiskUpdateView, or None for a function view
        route.params      # ("plan_pk", "pk")
        route.url(plan_pk=3, pk=9)

Django's admin is left out: it is the staff's site-wide tool, not a page of the product.
"""

import inspect
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse


@dataclass(frozen=True)
class Route:
    name: str
    view_class: type | None
    params: tuple[str, ...]

    def url(self, **kwargs) -> str:
        return reverse(self.name, kwargs={p: kwargs[p] for p in self.params})

    def accepts_post(self) -> bool:
        return self.view_class is not None and hasattr(self.view_class, "post")

    def __str__(self):
        return self.name


def _walk(patterns, namespaces, params):
    for entry in patterns:
        converters = tuple(getattr(entry.pattern, "converters", {}) or {})
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            spaces = [*namespaces, entry.namespace] if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, spaces, (*params, *converters))
        elif isinstance(entry, URLPattern) and entry.name:
            name = ":".join([*namespaces, entry.name])
            view_class = getattr(entry.callback, "view_class", None)
            yield Route(name, view_class, (*params, *converters))


def shadowed(route: Route) -> bool:
    """A name only reversed, whose path an earlier pattern serves (allauth's names for our
    sign-in page): not a page of its own."""
    return not route.params and resolve(reverse(route.name)).view_name != route.name


def routes() -> list[Route]:
    seen, found = set(), []
    for route in _walk(get_resolver().url_patterns, [], ()):
        if route.name not in seen and not shadowed(route):
            seen.add(route.name)
            found.append(route)
    return found


def model_factories() -> dict:
    """model class -> the test factory that makes it, from every factory module of the tests."""
    import factory

    from tests import factories
    from tests.evaluation import factories as evaluation_factories
    from tests.governance import factories as governance_factories

    found = {}
    for module in (factories, governance_factories, evaluation_factories):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, factory.django.DjangoModelFactory) and cls._meta.model:
                found.setdefault(cls._meta.get_model_class(), cls)
    return found


def make(model, plan):
    factory = model_factories().get(model)
    if factory is not None:
        return factory(plan=plan)
    return model.objects.create(plan=plan)


def is_curators_page(route) -> bool:
    """One of the curators' pages (/curate/): for staff with `roles.curate`, not members."""
    from roles.curate_views import CuratorMixin

    return route.view_class is not None and issubclass(route.view_class, CuratorMixin)


def make_curator():
    """Staff with the `curate` permission and no organisation."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    curator = UserFactory(is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="curate"))
    return curator


def curators_record(route):
    """What a curators' page's <pk> names: a case study or a role template in review, so that
    every decision is open."""
    from roles.models import CaseStudy
    from tests.factories import CaseStudyFactory, RoleTemplateFactory

    if route.view_class.model is CaseStudy:
        return CaseStudyFactory(status="in_review")
    return RoleTemplateFactory()


def record_for(route, plan):
    """The record a URL's <pk> names, made for this plan (for a curators' page: an item in
    review)."""
    from evaluation.models import EvaluationCheckpoint
    from newroles.accounts.permissions import MemberRole
    from tests.evaluation.factories import MeasurementFactory, MetricFactory
    from tests.factories import MembershipFactory

    if is_curators_page(route):
        return curators_record(route)
    if route.name == "accounts:member_role":
        return MembershipFactory(organisation=plan.organisation, role=MemberRole.EDITOR)
    if route.name in ("evaluation:metric_detail", "evaluation:metric_measure"):
        return MetricFactory(plan=plan)
    if route.name == "planning:comment_update":  # by its author, who may change it
        from planning.models import Comment

        author = plan.owner or MembershipFactory(organisation=plan.organisation).user
        return Comment.objects.create(
            plan=plan, stage="underpinning-approach", author=author, text="A comment"
        )
    if route.name == "planning:record_discussion":  # a discussion about one of its risks
        from tests.factories import RiskFactory

        return RiskFactory(plan=plan)
    if route.name == "documents:sign_off":  # asked of every member, so any may respond
        from newroles.accounts.models import User
        from planning import sign_off

        members = User.objects.filter(memberships__organisation=plan.organisation)
        return sign_off.request_sign_off(plan=plan, approvers=members, message="", user=None)
    if route.name == "evaluation:measurements":
        measurement = MeasurementFactory(metric=MetricFactory(plan=plan), note="Measured")
        assert isinstance(measurement.checkpoint, EvaluationCheckpoint)
        return measurement.checkpoint
    model = getattr(route.view_class, "model", None)
    assert model is not None, (
        f"Say in tests/url_walk.record_for() which record <pk> of {route} names"
    )
    return make(model, plan)
