"""The ASGI application: Django for pages and the API; live streams join here."""

from __future__ import annotations

from moot.config.asgi import django_application

application = django_application
