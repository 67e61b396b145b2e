from django.core.management.base import BaseCommand

from planning.reference import load_cycle
from roles.services import load_reference_data


class Command(BaseCommand):
    help = "Load or update the curated reference data and library (safe to rerun)."

    def handle(self, *args, **options):
        # The roles app's data (catalogue, case studies, role packages), then the cycle.
        for line in [*load_reference_data(), *load_cycle()]:
            self.stdout.write(line)
