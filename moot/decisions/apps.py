from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "moot.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from moot.decisions import events, rules, streams  # noqa: F401  (they register on import)
        from moot.decisions.changes import register_builtin_changes

        register_builtin_changes()
        streams.register()
