"""The ASGI entry point: ordinary pages through Django, live streams through Channels."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moot.config.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_application = get_asgi_application()

from moot.realtime.routing import application  # noqa: E402

__all__ = ["application", "django_application"]
