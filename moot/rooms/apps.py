"""The live room: the speaking stack, hand signals, circles and the speaking record."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "moot.rooms"
    label = "rooms"
    verbose_name = _("Rooms")

    def ready(self) -> None:
        from moot.rooms import events, streams  # noqa: F401  (event schemas register on import)

        streams.register()
