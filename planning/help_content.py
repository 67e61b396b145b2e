"""The help pages: what each stage of the cycle is for and the terms it uses, explained.

Each stage's prose (what it is for, what to do) is a template in
templates/planning/help/stages/; the terms are here, because several stages share them and the
help index lists them all. Written in our own words from the documents in ../shared/seeds and,
where a fact comes from elsewhere (pay bands, the primary care contract, preceptorship), from
the named source; those are marked below for a curator to confirm when the rules change.
The kinds of new role and of skill-mix change are shown from the curated reference data, so
the help and the plan's own choices never disagree.
"""

from dataclasses import dataclass

from .models import Stage

# --- Sources ----------------------------------------------------------------------------------

SOURCES = {
    "hee-guide": "Health Education England, Good Practice in New Workforce Roles",
    "hee-accounts": "Health Education England, Introducing new roles: accounts from Oxford "
    "Health NHS Foundation Trust (peer support workers) and University College London "
    "Hospitals (physician associates)",
    "mental-health-research": "New Roles in Mental Health: early findings briefing (phases 1 "
    "and 2), citing Nelson et al. (2018), Sibbald, Shen and McBride (2004) and Nancarrow and "
    "Borthwick (2005)",
    "system-planning": '"Working with primary care networks" (section of a report on workforce '
    "planning across STPs and ICSs; the report's title is not given): Leeds Community "
    "Healthcare NHS Trust and the Leeds GP Confederation",
    "lga": "Local Government Association, guidance on integrated workforce planning",
    # Outside the seed documents: for a curator to confirm when the rules change.
    "nhs-employers": "NHS Employers, NHS Terms and Conditions of Service (Agenda for Change) "
    "Handbook and the NHS Job Evaluation Handbook",
    "nhs-england-des": "NHS England, Network Contract Directed Enhanced Service specification "
    "(republished each contract year)",
    "skills-for-health": "Skills for Health, the Six Steps Methodology to Integrated Workforce "
    "Planning and the National Occupational Standards",
    "calderdale": "The Calderdale Framework, from Calderdale and Huddersfield NHS Foundation Trust",
    "nmc": "Nursing and Midwifery Council, Principles of preceptorship",
    "hee-acp": "Health Education England, Multi-professional framework for advanced clinical "
    "practice in England (2017)",
    "mendelow": "Mendelow's power and interest grid, a widely used way of mapping stakeholders",
    "kellogg": "W.K. Kellogg Foundation, Logic Model Development Guide (2004)",
}


# --- Terms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    slug: str
    name: str
    text: tuple[str, ...]  # paragraphs
    sources: tuple[str, ...]
    # Curated reference data listed under the text: "role_categories" or "skill_mix_changes".
    listing: str = ""

    @property
    def citations(self) -> list[str]:
        return [SOURCES[key] for key in self.sources]


TERMS = {
    term.slug: term
    for term in (
        Term(
            "kinds-of-new-role",
            "Kinds of new role",
            (
                "Health Education England sorts new roles into three kinds. Which one yours is "
                "decides how much you can borrow from others: a role used elsewhere comes with "
                "job descriptions, training and lessons learned; a role nobody has tried needs "
                "all of them made. Record the kind in the plan's details.",
            ),
            ("hee-guide",),
            listing="role_categories",
        ),
        Term(
            "skill-mix-change",
            "Kinds of skill-mix change",
            (
                "Skill mix is the make-up of a team: which staff it has, what each of them is "
                "competent to do, and how many senior staff there are for each junior one. A new "
                "role changes that make-up in one or more of the five ways below, which a study "
                "of new roles in English mental health trusts, begun in 2023, took from earlier "
                "research. Naming them shows whose work moves, who needs to agree and what "
                "supervision the change calls for. Record them in the plan's details.",
                "Many who took part in the study also expected the change a trust intended to "
                "differ from the way people in the role ended up working: check again once it "
                "is running.",
            ),
            ("mental-health-research",),
            listing="skill_mix_changes",
        ),
        Term(
            "planning-method",
            "Structured planning methods",
            (
                "A recognised method keeps the work in order. Skills for Health's Six Steps "
                "Methodology runs from defining the plan, through mapping the service change "
                "and the workforce it needs, to putting the plan into action and refreshing it. "
                "The Calderdale Framework breaks a service into its tasks and asks who could "
                "safely do each one, which suits roles built from competencies rather than "
                "professions.",
            ),
            ("hee-guide", "skills-for-health", "calderdale"),
        ),
        Term(
            "governance",
            "Governance and accountability",
            (
                "The arrangements that say who answers for the role's work, which policies and "
                "regulation apply, and where a concern goes. Settle them before anyone starts: "
                "people in a new role must know whom to ask for clinical advice and how to "
                "raise a problem. In NewRoles they are on the Governance and scope of practice "
                "page.",
            ),
            ("hee-guide",),
        ),
        Term(
            "supervision",
            "Clinical supervision and line management",
            (
                "Clinical supervision is about practice: an experienced clinician reviews the "
                "post-holder's cases and decisions, helps them reflect and learn, and keeps "
                "patients safe while they grow into the role. Line management is about "
                "employment: rotas, leave, sickness, appraisal and conduct.",
                "The guide asks for the two to be kept apart, so that oversight of practice is not "
                "crowded out by day-to-day management. When one person does both, NewRoles asks "
                "you to record why. Make sure supervisors have the time: the mental health "
                "research heard that teams struggle to add formal supervision and informal "
                "mentoring to their work.",
            ),
            ("hee-guide", "mental-health-research"),
        ),
        Term(
            "scope-of-practice",
            "Scope of practice",
            (
                "What someone in the role may do: on their own, only under supervision, or not "
                "at all. It depends on their training, on what the employer authorises and, in a "
                "regulated profession, on the regulator's standards. List the activities on the "
                "Governance and scope of practice page with a rating of the harm if one went "
                "wrong. Expect the scope to grow as people gain experience, and review it.",
            ),
            ("hee-guide",),
        ),
        Term(
            "patient-need",
            "Patient need",
            (
                "The care patients or service users need and do not get now, shown with "
                "evidence: activity data, waiting times, audits, complaints, or what people "
                "using the service say. A role should follow from the need. The guide warns "
                "that roles built without it work poorly and cost more, especially when they "
                "have to be reshaped later.",
            ),
            ("hee-guide",),
        ),
        Term(
            "three-options",
            "Optimise, redesign or introduce",
            (
                "The three ways to meet a need: make fuller use of the staff you have (working "
                "to the top of their skills, or learning new ones), redesign existing roles, or "
                "bring in a new role. Test the first two before choosing the third: a new role "
                "can leave existing staff deskilled or sidelined, and care split between more "
                "hands.",
            ),
            ("hee-guide",),
        ),
        Term(
            "competencies",
            "Skills and competencies",
            (
                "A competency is something a person can be shown to do to an agreed standard. "
                "Start from the tasks patients need done, work out the competencies those tasks "
                "take, and build the role from them rather than from a job title or a "
                "qualification. Building a post this way can widen the pool you recruit from. "
                "Skills for Health's National Occupational Standards describe many of them.",
            ),
            ("hee-guide", "skills-for-health"),
        ),
        Term(
            "wte",
            "Whole-time equivalent (WTE)",
            (
                "How much of a full-time post someone works. 1.0 WTE is full time, which under "
                "Agenda for Change is 37.5 hours a week; 0.6 WTE is 22.5 hours. Plans count "
                "posts in WTE rather than in people, because two part-time staff can fill one "
                "post. Also called full-time equivalent (FTE). NewRoles multiplies the salary "
                "of the band by the plan's planned WTE.",
            ),
            ("nhs-employers",),
        ),
        Term(
            "agenda-for-change",
            "Agenda for Change bands",
            (
                "Agenda for Change is the national pay system for most NHS staff other than "
                "doctors, dentists and very senior managers. Every job sits in one of nine "
                "bands (band 8 is split into 8a, 8b, 8c and 8d), and staff move up the pay "
                "points within their band over time.",
                "A job's band comes from job evaluation: a local panel matches the job "
                "description against national job profiles, or evaluates it in full. Draft the "
                "job description before you count on a band, and record the panel's outcome on "
                "the Posts and recruitment page. NewRoles estimates salary at the middle of the "
                "band plus the employer's on-costs (National Insurance and pension); curators "
                "update the figures each pay round.",
            ),
            ("nhs-employers",),
        ),
        Term(
            "arrs",
            "Additional Roles Reimbursement Scheme (ARRS)",
            (
                "A primary care scheme, in place since 2019, through which primary care "
                "networks (PCNs, groups of general practices working together) claim back the "
                "salary and on-costs of staff in a list of roles, such as clinical pharmacists, "
                "social prescribing link workers, first contact physiotherapists, paramedics "
                "and care coordinators, up to a maximum for each role. The roles and limits "
                "change with each year's Network Contract Directed Enhanced Service: check the "
                "current one.",
                "It pays for the post, not for everything around it: plan how supervision, "
                "training, space and equipment will be paid for. Some trusts employ staff for "
                "PCNs and deploy them to the practices, as Leeds Community Healthcare did with "
                "the Leeds GP Confederation. Record the scheme as a funding source of its own "
                "kind and tick only what it pays for.",
            ),
            ("nhs-england-des", "system-planning"),
        ),
        Term(
            "backfill",
            "Backfill",
            (
                "Paying for cover while someone is away from their usual work: a nurse released to "
                "train, a consultant giving supervision, a team member at planning meetings. "
                "Funding for new roles often pays for the post or its training and nothing else; "
                "the mental health research heard that backfill, supervision and ongoing support "
                "need funding too. Enter a yearly backfill cost in the cost assumptions and say "
                "which funding sources cover it.",
            ),
            ("mental-health-research",),
        ),
        Term(
            "recurrent-funding",
            "Recurrent and non-recurrent funding",
            (
                "Recurrent money is in the baseline budget every year; non-recurrent money (a "
                "pilot, a one-off grant) stops on a date. A role needs recurrent funding to "
                "outlast its pilot, and both the guide and the mental health research warn that "
                "short funding leads to short-term thinking and roles cut before they can work. "
                "Where work crosses organisations, partners can pool their budgets. NewRoles shows "
                "a gap when funding ends before the plan does.",
            ),
            ("hee-guide", "mental-health-research"),
        ),
        Term(
            "career-pathway",
            "Career pathway and skills escalator",
            (
                "A route for people to progress in and beyond the role. A skills escalator "
                "lets support staff without professional qualifications step up through "
                "education and training: Liverpool Heart and Chest Hospital developed band 2 "
                "healthcare assistants into registered nurses through a band 4 assistant "
                "practitioner role. Without a visible path, fewer people apply and more leave.",
            ),
            ("hee-guide",),
        ),
        Term(
            "stakeholder",
            "Stakeholder",
            (
                "Anyone the role affects or who can affect it: senior sponsors, managers, HR, "
                "the team the role joins, regulators and professional bodies, staff side and "
                "trade unions, service users and carers, partner organisations and "
                "commissioners.",
            ),
            ("hee-guide",),
        ),
        Term(
            "influence-interest",
            "Influence and interest",
            (
                "Rate each stakeholder's influence over the role and interest in it as low, "
                "medium or high. NewRoles suggests how closely to involve them: manage closely "
                "(influence and interest), keep satisfied (influence only), keep informed "
                "(interest only) or monitor (neither). Record where each stands on the role "
                "now and where you need them to be, and plan your communication to close the "
                "difference.",
            ),
            ("mendelow",),
        ),
        Term(
            "clinical-champion",
            "Clinical champion",
            (
                "A respected clinician who speaks up for the role and helps colleagues accept it. "
                "The guide recommends them and the mental health research found they mattered most "
                "at the start. Pair them with visible backing from senior leaders.",
            ),
            ("hee-guide", "mental-health-research"),
        ),
        Term(
            "professional-boundaries",
            "Professional boundaries and identity",
            (
                "What each profession in a team does, and how its members see themselves. A "
                "new role can seem to threaten both; the research heard of professional "
                "protectionism holding roles back. Say plainly what the role will and will not "
                "do, recognise the skills the team already has, and give people room to voice "
                "concerns openly.",
            ),
            ("hee-guide", "mental-health-research"),
        ),
        Term(
            "values-based-recruitment",
            "Values-based recruitment",
            (
                "Choosing staff for how well their values fit the organisation's purpose, as "
                "well as for their skills, and thinking about patients' future needs as well "
                "as today's. The guide asks team leaders to recruit this way for new roles.",
            ),
            ("hee-guide",),
        ),
        Term(
            "supernumerary",
            "Supernumerary period and protected learning time",
            (
                "A supernumerary period is time when a new post-holder is extra to the "
                "staffing numbers, so they can learn without being counted on the rota. "
                "Protected learning time is a set number of hours each week kept for study. "
                "Decide which skills are best learned on the job and where supernumerary time "
                "is needed, and budget for the backfill both require.",
            ),
            ("hee-guide",),
        ),
        Term(
            "clinical-educator",
            "Clinical educator, mentor and buddy",
            (
                "A clinical educator plans and delivers training in the workplace. A mentor is "
                "an experienced colleague who guides the post-holder's development; a buddy is "
                "a peer for everyday questions. The guide asks you to budget for an educator "
                "and to consider mentors and buddies.",
            ),
            ("hee-guide",),
        ),
        Term(
            "preceptorship",
            "Preceptorship",
            (
                "A structured period of support for newly registered professionals, such as "
                "nurses, midwives and nursing associates, as they move from training to "
                "practising on their own. If the role is registered, plan who will be the "
                "preceptor and for how long.",
            ),
            ("nmc",),
        ),
        Term(
            "educational-framework",
            "Recognised educational frameworks",
            (
                "National curricula and competency frameworks that training for a role should "
                "fit, such as the multi-professional framework for advanced clinical practice. "
                "Training that does not fit one may not be recognised by another employer, "
                "which makes posts harder to fill. Keep core training the same across "
                "organisations and add local training on top.",
            ),
            ("hee-guide", "hee-acp"),
        ),
        Term(
            "objectives-metrics",
            "Objectives, metrics, baselines and targets",
            (
                "An objective says what the role should achieve. A metric is a number that "
                "shows whether it does, with its unit, where the data comes from and which "
                "direction is better. The baseline is the metric's value before the role "
                "starts; the target is the value you aim for. Without a baseline you cannot "
                "show a change, so measure it before people start in post.",
            ),
            ("hee-guide",),
        ),
        Term(
            "logic-model",
            "Logic model",
            (
                "A chain from what goes in to the difference it makes: inputs (money, people, "
                "time), activities (what the role does), outputs (what can be counted, such as "
                "assessments done) and outcomes in the short, medium and long term. It shows "
                "what to measure at each step, and where the chain might break.",
            ),
            ("kellogg",),
        ),
        Term(
            "checkpoint",
            "Evaluation checkpoint",
            (
                "A dated review, such as at three or six months, every year or at the end of a "
                "pilot, where you record each metric's measurement and decide whether to "
                "continue, adapt, scale up or stop. New roles take time to settle: the guide "
                "stresses they will not fix a problem at once, and an account from University "
                "College London Hospitals put the benefit of physician associates at a year "
                "or two.",
            ),
            ("hee-guide", "hee-accounts"),
        ),
        Term(
            "register-of-roles",
            "Register of new roles",
            (
                "The organisation's list of its new roles, the register page in NewRoles. The "
                "guide asks you to keep such a map and share it, so that a change in regulation "
                "reaches the right people in time. The mental health research found information on "
                "new roles was often poor because posts were coded inconsistently in the "
                "Electronic Staff Record (ESR): agree with your workforce information team how the "
                "new posts will be coded.",
            ),
            ("hee-guide", "mental-health-research"),
        ),
    )
}


# --- Stages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageHelp:
    stage: str
    intro: str  # one line for the help index
    terms: tuple[str, ...]

    @property
    def title(self) -> str:
        return Stage(self.stage).label

    @property
    def number(self) -> int:
        return Stage.values.index(self.stage) + 1

    @property
    def template(self) -> str:
        return f"planning/help/stages/{self.stage}.html"

    def term_list(self) -> list[Term]:
        return [TERMS[slug] for slug in self.terms]

    def citations(self) -> list[str]:
        """The guide first, then every other source the page's terms name, once each."""
        keys = ["hee-guide"]
        for term in self.term_list():
            keys += [key for key in term.sources if key not in keys]
        return [SOURCES[key] for key in keys]


STAGES = {
    page.stage: page
    for page in (
        StageHelp(
            Stage.UNDERPINNING_APPROACH,
            "How you will run the change, who is accountable and how the role is governed.",
            (
                "kinds-of-new-role",
                "planning-method",
                "governance",
                "supervision",
                "scope-of-practice",
            ),
        ),
        StageHelp(
            Stage.SETTING_A_FOUNDATION,
            "The need the role meets, the options you weighed and the competencies it takes.",
            ("patient-need", "three-options", "skill-mix-change", "competencies"),
        ),
        StageHelp(
            Stage.UNDERSTANDING_RESOURCE,
            "Posts, pay, funding and what the role depends on, for as long as it runs.",
            ("wte", "agenda-for-change", "arrs", "backfill", "recurrent-funding", "career-pathway"),
        ),
        StageHelp(
            Stage.STAKEHOLDER_ENGAGEMENT,
            "Who needs to support the role, how you involve them and how the team gets ready.",
            (
                "stakeholder",
                "influence-interest",
                "clinical-champion",
                "professional-boundaries",
                "values-based-recruitment",
            ),
        ),
        StageHelp(
            Stage.TRAINING_AND_SUPPORT,
            "How people in the role learn it, who supervises them and where they can progress.",
            (
                "supervision",
                "supernumerary",
                "clinical-educator",
                "preceptorship",
                "educational-framework",
                "scope-of-practice",
                "career-pathway",
            ),
        ),
        StageHelp(
            Stage.MONITOR_AND_EVALUATE,
            "How you will know the role is working, and what you decide at each review.",
            ("objectives-metrics", "logic-model", "checkpoint", "register-of-roles"),
        ),
    )
}


def stage_help(stage: str) -> StageHelp:
    """The help for a stage; KeyError for a slug that is not a stage."""
    return STAGES[stage]


def all_stages() -> list[StageHelp]:
    return [STAGES[stage] for stage in Stage.values]


@dataclass(frozen=True)
class GlossaryEntry:
    term: Term
    stage: StageHelp  # the first stage that explains it


def glossary() -> list[GlossaryEntry]:
    """Every term once, A to Z, with the first stage whose help explains it."""
    first = {}
    for page in all_stages():
        for term in page.term_list():
            first.setdefault(term.slug, GlossaryEntry(term, page))
    return sorted(first.values(), key=lambda entry: entry.term.name.lower())
