import sys

from django.core.management.base import BaseCommand, CommandError

from newroles.accounts.models import Organisation
from planning import transfer
from planning.models import ImplementationPlan


class Command(BaseCommand):
    help = "Write a plan and all its parts as JSON (or every plan of an organisation)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("plan_id", nargs="?", type=int)
        target.add_argument("--organisation", help="ODS code: export all its plans")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, plan_id, organisation, output, **options):
        if organisation:
            found = Organisation.objects.filter(ods_code__iexact=organisation).first()
            if found is None:
                raise CommandError(f"No organisation with ODS code {organisation}.")
            data = transfer.export_organisation(found)
        else:
            plan = ImplementationPlan.objects.filter(pk=plan_id).first()
            if plan is None:
                raise CommandError(f"No plan {plan_id}.")
            data = transfer.export_plan(plan)
        text = transfer.to_json(data) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
