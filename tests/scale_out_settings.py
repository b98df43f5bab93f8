"""The app's own settings (config/settings.py) for the servers and the worker that
tests/test_scale_out.py starts, with two test-only changes:

- static files straight from static/: the manifest the production storage reads exists only
  after collectstatic, which the image runs when it is built (as tests/conftest.py does);
- where Django's filebased email backend (DJANGO_EMAIL_BACKEND) writes: SCALE_OUT_MAIL_DIR,
  so the test reads what the worker, another process, sent.
"""

import os

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_FILE_PATH = os.environ["SCALE_OUT_MAIL_DIR"]
