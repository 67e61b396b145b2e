from django.core.management.base import BaseCommand

from planning.records import BIN_RETENTION_DAYS, purge_bin


class Command(BaseCommand):
    help = (
        "Delete for good the plan records that have been in a bin for more than 30 days. "
        "Schedule it daily, e.g. cron: `15 2 * * * cd /srv/newroles && .venv/bin/python "
        "manage.py purge_bin`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=BIN_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        purged = purge_bin(days)
        if not purged:
            self.stdout.write("Nothing to purge.")
        for kind, count in purged.items():
            self.stdout.write(f"Purged {count} {kind}.")
