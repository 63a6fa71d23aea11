from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "moot.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self) -> None:
        from moot.records import changes

        changes.register()
