"""Help pages: what each stage of the cycle is for and its terms explained.

Public, like the accessibility statement: they hold no organisation's data, and a person can
read them before signing in or share the address with a colleague who has no account.
"""

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from roles import selectors as reference

from .. import help_content

# Reads of the curated reference data that a term lists beneath its explanation.
LISTINGS = {
    "role_categories": reference.role_categories,
    "skill_mix_changes": reference.skill_mix_changes,
}


class HelpIndexView(TemplateView):
    template_name = "planning/help/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stages=help_content.all_stages(), glossary=help_content.glossary(), **kwargs
        )


class StageHelpView(TemplateView):
    template_name = "planning/help/stage.html"

    def get_context_data(self, **kwargs):
        try:
            page = help_content.stage_help(self.kwargs["stage"])
        except KeyError:
            raise Http404 from None
        stages = help_content.all_stages()
        index = stages.index(page)
        terms = [
            (term, LISTINGS[term.listing]() if term.listing else []) for term in page.term_list()
        ]
        return super().get_context_data(
            page=page,
            terms=terms,
            stages=stages,
            previous=stages[index - 1] if index > 0 else None,
            following=stages[index + 1] if index + 1 < len(stages) else None,
            breadcrumbs=[("Help", reverse("help:index"))],
            **kwargs,
        )
