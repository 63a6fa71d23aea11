from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "moot.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from moot.groups import events, streams  # noqa: F401  (event schemas register on import)

        streams.register()
