from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Emails to people about their work: what is assigned to them, mentions, sign-offs, and
    the daily and weekly reminders (`manage.py send_reminders`). Other apps plug their work in
    through `reminders.register_reminder_source` and call `services.notify`."""

    name = "newroles.notifications"
    label = "notifications"
    verbose_name = "Email notifications"
