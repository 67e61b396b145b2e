from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from planning.demo import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = "Create a demo organisation, its members and plans (development only; safe to rerun)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is only for development: set DEBUG=True to load it.")
        accounts = load_demo_data()
        self.stdout.write(self.style.SUCCESS("Demo organisation ready. Sign in with:"))
        for email, role in accounts:
            self.stdout.write(f"  {email:<32} {role:<22} password: {DEMO_PASSWORD}")
