import json

from django.core.management.base import BaseCommand, CommandError

from newroles.accounts.models import Organisation
from planning import transfer


class Command(BaseCommand):
    help = "Read a plan (or an organisation's plans) written by export_plan."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", help="ODS code of the organisation to import into")

    def handle(self, *args, file, organisation, **options):
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
        into = None
        if organisation:
            into = Organisation.objects.filter(ods_code__iexact=organisation).first()
            if into is None:
                raise CommandError(f"No organisation with ODS code {organisation}.")
        plans = data["plans"] if data.get("format") == "newroles-organisation" else [data]
        try:
            for plan_data in plans:
                plan = transfer.import_plan(plan_data, organisation=into)
                self.stdout.write(f"Imported plan {plan.pk}: {plan.title}")
        except transfer.ImportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
