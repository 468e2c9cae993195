"""gunicorn config snippet for preload runs: freeze the GC after the app is loaded.

Use with --preload: `gunicorn --preload -c gcfreeze.conf.py app:app`.
when_ready runs in the master after the app was imported and the listeners
bound, before any worker is forked. gc.freeze() moves every tracked object to
a permanent generation, so the workers' collector never touches (and never
copies on write) the pages the master loaded.

Deliberately not named gunicorn.conf.py: gunicorn auto-loads ./gunicorn.conf.py
from its working directory, and the other runs must not pick this up.
"""
import gc


def when_ready(server):
    gc.freeze()
