"""The WSGI entry point, for serving ordinary pages from WSGI workers at scale."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moot.config.settings")
application = get_wsgi_application()
