"""Creates the catalog's SQLite database and fills it with deterministic data, once.

Several workers may start at once (gevent and uvicorn-style servers import the app in every worker):
an exclusive lock beside the database file lets one of them build it; a marker file written last
says it is complete, so a build that died half-way is redone.
"""
import datetime as dt
import fcntl
import os
import random
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command
from django.db import connections

CATEGORIES = 12
PRODUCTS = 3000
REVIEWS_PER_PRODUCT = 5
WORDS = ("steel oak linen wool brass walnut cotton ceramic glass copper velvet leather bamboo marble "
         "chair lamp table shelf rug vase mirror clock bowl stool desk sofa frame basket").split()


def ensure_database():
    db = settings.DATABASES["default"]["NAME"]
    ready = db + ".ready"
    if os.path.exists(ready):
        return
    with open(db + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not os.path.exists(ready):
                if os.path.exists(db):
                    os.remove(db)
                _build()
                open(ready, "w").close()
        finally:
            connections.close_all()
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build():
    from .models import Category, Product, Review

    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    # Explicit primary keys: Django 3.2 does not read back ids from a bulk insert on SQLite.
    rnd = random.Random(42)
    t0 = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    cats = Category.objects.bulk_create(
        [Category(id=i + 1, name=f"{WORDS[i].title()} goods", slug=f"{WORDS[i]}-goods") for i in range(CATEGORIES)]
    )
    products = Product.objects.bulk_create(
        [
            Product(
                id=i + 1,
                category=cats[i % CATEGORIES],
                sku=f"SKU-{i:06d}",
                name=" ".join(rnd.choice(WORDS).title() for _ in range(3)),
                description=" ".join(rnd.choice(WORDS) for _ in range(40)),
                price=Decimal(rnd.randrange(199, 99999)) / 100,
                stock=rnd.randrange(0, 500),
                created=t0 + dt.timedelta(minutes=17 * i),
            )
            for i in range(PRODUCTS)
        ],
        batch_size=500,
    )
    Review.objects.bulk_create(
        [
            Review(
                product=p,
                author=f"user{rnd.randrange(10000)}",
                rating=rnd.randrange(1, 6),
                body=" ".join(rnd.choice(WORDS) for _ in range(25)),
                created=p.created + dt.timedelta(hours=j + 1),
            )
            for p in products
            for j in range(REVIEWS_PER_PRODUCT)
        ],
        batch_size=1000,
    )
