"""The ASGI entry point: ordinary pages through Django, live streams through moot's own
fan-out (see ``moot.realtime.routing``)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moot.config.settings")

from django.core.asgi import get_asgi_application

django_application = get_asgi_application()

from moot.realtime.routing import build_application  # noqa: E402

application = build_application(django_application)
