from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "moot.roles"
    label = "roles"
    verbose_name = _("Accountable roles")

    def ready(self) -> None:
        from moot.roles import events, rules, streams  # noqa: F401  (they register on import)
        from moot.roles.changes import register_role_changes

        register_role_changes()
        streams.register()
