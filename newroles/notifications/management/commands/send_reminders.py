from datetime import date

from django.core.management.base import BaseCommand, CommandError

from newroles.notifications.reminders import send_reminders, send_reminders_task


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date must be a date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Email each person what is overdue (daily) and, on Mondays, what is due in the next 7 "
        "days. Each email goes at most once a day to a person, however often or on however "
        "many hosts this runs, so it can be scheduled on every host: e.g. cron "
        "`0 7 * * * cd /srv/newroles && .venv/bin/python manage.py send_reminders`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=_day,
            default=None,
            help="Send as on this day (YYYY-MM-DD) instead of today in Europe/London.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the run for the task worker (manage.py db_worker) instead of running it "
            "here.",
        )

    def handle(self, *args, date=None, enqueue=False, **options):
        if enqueue:
            result = send_reminders_task.enqueue(date.isoformat() if date else None)
            self.stdout.write(f"Queued for the task worker: {result.id}")
            return
        sent = send_reminders(today=date)
        self.stdout.write(str(sent))
        for error in sent.errors:
            self.stderr.write(f"Failed: {error}")
