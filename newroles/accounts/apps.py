from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newroles.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"
