from datetime import date
from decimal import Decimal

import factory

from newroles.accounts.models import Membership, Organisation, User
from newroles.accounts.permissions import MemberRole

TEST_PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Valley NHS Trust {n}")
    ods_code = factory.Sequence(lambda n: f"T{n:04d}")
    kind = Organisation.Kind.NHS_TRUST


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MemberRole.LEAD


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roles.Role"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-role-{n}")
    name = factory.Sequence(lambda n: f"Test role {n}")
    profession_group = "clinical_support"
    regulator = "none"
    typical_bands = ["4"]
    description = "A role used in tests."


class ImplementationPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "planning.ImplementationPlan"

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Plan {n}")
    need = "Patients wait too long to be seen."
    role = factory.SubFactory(RoleFactory)
    care_setting = "community"
    planned_wte = 2
    band = "4"
    horizon_years = 3


class PlanContentFactory(factory.django.DjangoModelFactory):
    """A plan's records are made as the product makes them: the plan's version rises
    (planning.records), so pages cached for the plan show them at once."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from planning import records
        from planning.admin_support import plan_id_of

        record = super()._create(model_class, *args, **kwargs)
        records.bump_plan_version(plan_id_of(record))
        return record


class PlanActionFactory(PlanContentFactory):
    class Meta:
        model = "planning.PlanAction"

    plan = factory.SubFactory(ImplementationPlanFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner_name = "Sam Owner"


class RiskFactory(PlanContentFactory):
    class Meta:
        model = "planning.Risk"

    plan = factory.SubFactory(ImplementationPlanFactory)
    description = factory.Sequence(lambda n: f"Risk {n}")
    likelihood = 3
    impact = 3


class AppraisedOptionFactory(PlanContentFactory):
    class Meta:
        model = "planning.AppraisedOption"

    plan = factory.SubFactory(ImplementationPlanFactory)
    kind = "new_role"
    title = factory.Sequence(lambda n: f"Option {n}")
    benefits = "Meets the need sooner."


class CommentFactory(PlanContentFactory):
    class Meta:
        model = "planning.Comment"

    plan = factory.SubFactory(ImplementationPlanFactory)
    stage = "underpinning-approach"
    author = factory.LazyAttribute(lambda comment: comment.plan.owner)
    text = factory.Sequence(lambda n: f"Comment {n}")


class SkillMixLineFactory(PlanContentFactory):
    class Meta:
        model = "planning.SkillMixLine"

    plan = factory.SubFactory(ImplementationPlanFactory)
    profession = factory.Sequence(lambda n: f"Staff group {n}")
    band = "5"
    wte_before = Decimal("4")
    wte_after = Decimal("4")


class TrainingActivityFactory(PlanContentFactory):
    class Meta:
        model = "planning.TrainingActivity"

    plan = factory.SubFactory(ImplementationPlanFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    kind = "in_house"
    cost = 1000


class CompetencyFactory(PlanContentFactory):
    class Meta:
        model = "planning.Competency"

    plan = factory.SubFactory(ImplementationPlanFactory)
    name = factory.Sequence(lambda n: f"Competency {n}")


class FundingSourceFactory(PlanContentFactory):
    class Meta:
        model = "planning.FundingSource"

    plan = factory.SubFactory(ImplementationPlanFactory)
    name = factory.Sequence(lambda n: f"Fund {n}")
    kind = "recurrent"
    amount_per_year = 50000
    start_date = factory.LazyFunction(lambda: __import__("datetime").date(2027, 4, 1))


class PostFactory(PlanContentFactory):
    class Meta:
        model = "planning.Post"

    plan = factory.SubFactory(ImplementationPlanFactory)
    title = factory.Sequence(lambda n: f"Post {n}")
    wte = 1


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roles.CaseStudy"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"case-study-{n}")
    title = factory.Sequence(lambda n: f"Case study {n}")
    care_setting = "community"
    summary = "What happened, briefly."
    source_title = "A report"
    status = "published"

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        from roles.models import CaseStudyStage

        for stage in extracted or ["setting-a-foundation"]:
            CaseStudyStage.objects.create(case_study=self, stage=stage)

    @factory.post_generation
    def with_roles(self, create, extracted, **kwargs):
        if extracted:
            self.roles.set(extracted)


class RoleTemplateFactory(factory.django.DjangoModelFactory):
    """A role template offered from a plan, awaiting the curators (valid, so publishable)."""

    class Meta:
        model = "roles.RoleTemplate"

    role = factory.SubFactory(RoleFactory)
    slug = factory.Sequence(lambda n: f"offered-template-{n}")
    title = factory.Sequence(lambda n: f"Offered template {n}")
    summary = "Patients wait; [organisation] found the gap."
    status = "in_review"
    offered_by = factory.SubFactory(OrganisationFactory)
    risks = factory.LazyFunction(
        lambda: [
            {
                "description": "[line manager] may leave",
                "stage": "underpinning-approach",
                "likelihood": 2,
                "impact": 3,
                "mitigation": "Cover from the team",
            }
        ]
    )
    replacements = factory.LazyFunction(lambda: {"[organisation]": 1, "[line manager]": 1})


def flat_on_costs(rate="0.25", *, effective_from=date(2025, 4, 1)):
    """Employer on-costs as one flat share of pay (all of it 'pension', no National Insurance
    threshold), so cost arithmetic in tests stays easy to follow by hand."""
    from roles.models import EmployerOnCosts

    return EmployerOnCosts.objects.create(
        effective_from=effective_from,
        national_insurance_rate=Decimal("0"),
        national_insurance_threshold=Decimal("0"),
        pension_rate=Decimal(rate),
        source="A flat rate for tests",
    )
