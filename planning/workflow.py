"""The questions each stage of the cycle asks. Answers are stored per plan and stage in
`StageResponse.answers`, keyed by the question's code, so the stage pages, the PDF and the
role templates all read them the same way.

Written in our own words from the facts in HEE's Good Practice in New Workforce Roles.
"""

from dataclasses import dataclass, field

from .models import Stage

ANSWER_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    rows: int = 4

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


OPTION_CHOICES = (
    ("optimise", "Make better use of, or upskill, the existing workforce"),
    ("redesign", "Redesign existing roles"),
    ("new_role", "Introduce the new role"),
    ("undecided", "Not decided yet"),
)

QUESTIONS: dict[str, tuple[Question, ...]] = {
    Stage.UNDERPINNING_APPROACH: (
        Question(
            "approach",
            "How will you plan and manage this change?",
            "Name the improvement or change method you will use and who leads the work.",
        ),
        Question(
            "values_fit",
            "How does the role fit your organisation's values and workforce strategy?",
        ),
        Question(
            "accountability",
            "Who will be accountable for the role, and how will people in it be supervised?",
            "An outline is enough here; the governance part of the plan holds the detail.",
        ),
        Question(
            "expectations",
            "What will patients and staff be told to expect from the role?",
        ),
    ),
    Stage.SETTING_A_FOUNDATION: (
        Question(
            "patient_need",
            "What do patients or service users need that they do not get now?",
        ),
        Question(
            "patient_need_evidence",
            "What evidence shows this need?",
            "For example activity data, waiting times, audits, complaints or what service "
            "users have told you.",
        ),
        Question(
            "organisational_need",
            "What does the organisation need?",
            "For example gaps on rotas, skills in short supply, or a new model of service.",
        ),
        Question(
            "option_optimise",
            "Could the existing workforce meet the need if it worked differently or "
            "learned new skills?",
        ),
        Question("option_redesign", "Could existing roles be redesigned to meet the need?"),
        Question(
            "option_new_role",
            "What would a new role offer that the other options would not?",
        ),
        Question("chosen_option", "Which option have you chosen?", choices=OPTION_CHOICES),
        Question("why_this_option", "Why this option?"),
        Question(
            "skills_and_competencies",
            "What skills and competencies does the role need?",
            "Think in terms of the tasks the role will do, not only the qualifications it "
            "might ask for.",
        ),
        Question("expected_benefits", "What benefits do you expect, and for whom?"),
        Question(
            "time_and_commitment",
            "How much time and commitment will introducing the role take?",
            "Include recruitment, training, supervision and the time before the role is fully "
            "effective, which is often a year or more.",
        ),
    ),
    Stage.UNDERSTANDING_RESOURCE: (
        Question(
            "people",
            "Which people will the role need?",
            "Supervisors, educators, managers, administrative support.",
        ),
        Question(
            "money",
            "What money will the role need, and for how long?",
            "Salary, training, backfill and supervision, beyond any pilot funding.",
        ),
        Question(
            "time",
            "Whose time will the role take?",
            "For example protected learning time and supervisors' sessions.",
        ),
        Question("space", "What space will the role need?", rows=2),
        Question("equipment", "What equipment will the role need?", rows=2),
        Question(
            "systems",
            "Which systems and access will the role need?",
            "For example clinical records, prescribing or IT accounts.",
            rows=2,
        ),
        Question(
            "shared_with_partners",
            "What could you share with partner organisations?",
            "Training, supervision, posts or budgets that could be shared across a system.",
        ),
    ),
    Stage.STAKEHOLDER_ENGAGEMENT: (
        Question("key_stakeholders", "Who needs to support the role, and who might resist it?"),
        Question(
            "engagement_approach",
            "How will you involve them in designing and introducing the role?",
        ),
        Question(
            "service_user_involvement",
            "How will service users and carers be involved?",
        ),
        Question(
            "team_preparation",
            "How will the existing team be prepared to work alongside the role?",
        ),
    ),
    Stage.TRAINING_AND_SUPPORT: (
        Question(
            "training_route",
            "How will people in the role gain the competencies they need?",
            "For example a university programme, an apprenticeship or in-house training.",
        ),
        Question("supervision", "Who will supervise them, and how often?"),
        Question(
            "education_partners",
            "Which education providers or partners will you work with?",
            rows=2,
        ),
        Question("career_pathway", "What career pathway will the role offer?"),
    ),
    Stage.MONITOR_AND_EVALUATE: (
        Question("success_measures", "How will you know the role is working?"),
        Question("baseline", "What baseline will you compare against?"),
        Question(
            "review_points",
            "When will you review the role, and who decides what happens next?",
        ),
        Question("sharing_learning", "How will you share what you learn?", rows=2),
    ),
}


def questions_for(stage: str) -> tuple[Question, ...]:
    return QUESTIONS[stage]


def stage_order() -> list[str]:
    return list(Stage.values)


def neighbours(stage: str) -> tuple[str | None, str | None]:
    order = stage_order()
    index = order.index(stage)
    previous = order[index - 1] if index > 0 else None
    following = order[index + 1] if index + 1 < len(order) else None
    return previous, following


def check_package_answers(stage: str, answers: dict) -> str:
    """What is wrong with a role package's draft answers for `stage`: codes that are not this
    stage's questions. Registered with `roles.packages` in `PlanningConfig.ready()`, so a
    curator cannot publish a package whose answers a plan could not show."""
    codes = {question.code for question in QUESTIONS.get(stage, ())}
    unknown = set(answers) - codes
    return f"Unknown questions for {stage}: {sorted(unknown)}" if unknown else ""
