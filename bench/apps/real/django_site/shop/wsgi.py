"""WSGI entry point: `gunicorn shop.wsgi:application` or `waitress-serve shop.wsgi:application`."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

application = get_wsgi_application()

# Create and fill the SQLite database on first start (a no-op once it exists), then close the
# connection: under --preload this runs in the master, and a forked worker must not share it.
from catalog.seed import ensure_database  # noqa: E402

ensure_database()
