"""`manage.py` of the source tree and `massage-intake` of an installed app: one entry point."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting to fix: the message says which and how; a traceback would bury it.
        sys.exit(f"{error.__class__.__name__}: {error}")
