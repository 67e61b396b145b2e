from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class UiConfig(AppConfig):
    """Shared presentation: the NHS.UK crispy-forms template pack, widgets and presenters."""

    name = "newroles.ui"
    label = "ui"
    verbose_name = "User interface"


class StaticFilesConfig(BaseStaticFilesConfig):
    """collectstatic without nhsuk-frontend's sources: only its built CSS, JS and assets are
    served, and compressing the rest made every deploy minutes slower."""

    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        # Keep nhsuk-frontend.min.css, .min.js (and their maps) and assets/; drop the rest.
        "*.scss*",
        "*.mjs*",
        "*.mts*",
        "*.njk",
        "*-10.*",
        "*dynamic-type*",
        "component.*",
        "configurable-component.*",
        "i18n.*",
        "index.*",
        "nhsuk.*",
        "nhsuk-frontend.js*",
        "nhsuk-frontend.css*",
        "components",
        "macros",
        "core",
        "common",
        "lib",
        "errors",
    ]
