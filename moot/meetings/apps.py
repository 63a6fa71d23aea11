from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "moot.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from moot.meetings import events  # noqa: F401  (event schemas register on import)
