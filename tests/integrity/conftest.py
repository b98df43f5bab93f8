"""The live server's listen queue, made as deep as a production server's.

Django's test server accepts 10 waiting connections (gunicorn: 2048); fifty phones
connecting at once would be reset by the operating system before Django sees them. Set at
import, before the session's live server starts.
"""

from django.core.servers.basehttp import WSGIServer

WSGIServer.request_queue_size = 128
