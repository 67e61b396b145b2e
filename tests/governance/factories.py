import datetime

import factory

from governance.models import (
    AssessmentKind,
    Channel,
    Frequency,
    Level,
    PolicyStatus,
    PracticeLevel,
    StakeholderGroup,
    Stance,
)
from tests.factories import ImplementationPlanFactory, PlanContentFactory


class StakeholderFactory(PlanContentFactory):
    class Meta:
        model = "governance.Stakeholder"

    plan = factory.SubFactory(ImplementationPlanFactory)
    name = factory.Sequence(lambda n: f"Stakeholder {n}")
    job_title = "Matron"
    group = StakeholderGroup.EXISTING_TEAM
    influence = Level.MEDIUM
    interest = Level.MEDIUM
    current_stance = Stance.NEUTRAL
    desired_stance = Stance.SUPPORTIVE


class CommunicationItemFactory(PlanContentFactory):
    class Meta:
        model = "governance.CommunicationItem"

    plan = factory.SubFactory(ImplementationPlanFactory)
    message = factory.Sequence(lambda n: f"Update number {n} on the new role")
    audience = factory.LazyFunction(lambda: [StakeholderGroup.EXISTING_TEAM.value])
    channel = Channel.TEAM_MEETING
    frequency = Frequency.MONTHLY
    owner = "Service manager"


class GovernanceArrangementFactory(PlanContentFactory):
    class Meta:
        model = "governance.GovernanceArrangement"

    plan = factory.SubFactory(ImplementationPlanFactory)
    accountable_executive = "Director of nursing"
    line_manager = "Alex Manager"
    clinical_supervisor = "Dr Sam Supervisor"
    supervision_frequency = "Weekly"
    oversight_group = "Workforce committee"
    regulator = "none"


class ScopeActivityFactory(PlanContentFactory):
    class Meta:
        model = "governance.ScopeActivity"

    plan = factory.SubFactory(ImplementationPlanFactory)
    activity = factory.Sequence(lambda n: f"Activity {n}")
    level = PracticeLevel.SUPERVISED
    likelihood = 2
    severity = 3


class ImpactAssessmentFactory(PlanContentFactory):
    class Meta:
        model = "governance.ImpactAssessment"

    plan = factory.SubFactory(ImplementationPlanFactory)
    kind = AssessmentKind.QUALITY
    assessed_on = datetime.date(2027, 3, 1)
    outcome = "No adverse effect expected."
    reviewer = "Quality lead"


class PolicyRequirementFactory(PlanContentFactory):
    class Meta:
        model = "governance.PolicyRequirement"

    plan = factory.SubFactory(ImplementationPlanFactory)
    title = factory.Sequence(lambda n: f"Policy {n}")
    owner = "Chief pharmacist"
    status = PolicyStatus.NOT_STARTED
