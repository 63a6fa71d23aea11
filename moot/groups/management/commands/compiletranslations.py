"""Compile the shipped ``.po`` translations to ``.mo`` with polib.

Django's own ``compilemessages`` needs GNU gettext installed; this needs nothing
beyond moot's Python dependencies, so a fresh machine can serve every language.
"""

from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped]
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile moot's .po translation files to .mo files."

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
