"""An inventory API with pydantic models (FastAPI, ASGI), for the worker-tune benchmarks.

At import it builds a deterministic catalogue of 5 000 items (plain dicts, as rows from a database
driver would arrive). Endpoints:
  GET /items?offset=&limit=   async: validates `limit` (default 50) rows into pydantic models and
                              serializes them through response_model                     (CPU on the loop)
  GET /items/{id}[?delay_ms=] async: awaits a simulated database/API call (30 ms), one model     (IO)
  GET /reports/stock          sync `def`: runs in the threadpool, a blocking 20 ms call + a sum  (IO, threads)
  GET /health                 static JSON
  GET /pid                    the serving process's PID (lets the benchmark see every worker)
Every response names its process in an X-Worker header (the benchmark counts each worker's share).
Serve from this folder: `python3 -m uvicorn inventory:app`, `gunicorn -k uvicorn.workers.UvicornWorker inventory:app`.
"""
import asyncio
import datetime as dt
import os
import random
import time
from decimal import Decimal
from enum import Enum
from typing import List, Optional

from fastapi import FastAPI, HTTPException, Query
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field, validator

ITEMS = 5000


class Unit(str, Enum):
    piece = "piece"
    kg = "kg"
    litre = "litre"


class Supplier(BaseModel):
    id: int
    name: str = Field(..., min_length=2, max_length=80)
    country: str = Field(..., regex=r"^[A-Z]{2}$")


class Item(BaseModel):
    id: int
    sku: str = Field(..., regex=r"^SKU-\d{6}$")
    name: str
    unit: Unit
    price: Decimal = Field(..., ge=0, max_digits=10, decimal_places=2)
    quantity: int = Field(..., ge=0)
    tags: List[str] = []
    supplier: Supplier
    updated: dt.datetime
    discontinued: Optional[bool] = None

    @validator("tags", each_item=True)
    def lower_tags(cls, v):
        return v.strip().lower()


class Page(BaseModel):
    offset: int
    limit: int
    total: int
    items: List[Item]


class StockReport(BaseModel):
    items: int
    units: int
    value: Decimal
    generated: dt.datetime


def make_rows(n=ITEMS, seed=11):
    rnd = random.Random(seed)
    words = "red blue steel oak small large eco premium basic bulk fresh frozen".split()
    t0 = dt.datetime(2024, 1, 1)
    return [
        {
            "id": i,
            "sku": f"SKU-{i:06d}",
            "name": f"{rnd.choice(words).title()} {rnd.choice(words)} item {i}",
            "unit": rnd.choice(["piece", "kg", "litre"]),
            "price": f"{rnd.randrange(50, 50000) / 100:.2f}",
            "quantity": rnd.randrange(0, 1000),
            "tags": [rnd.choice(words).upper() for _ in range(rnd.randrange(0, 4))],
            "supplier": {"id": i % 40, "name": f"Supplier {i % 40}", "country": rnd.choice(["DE", "FR", "NL", "PL"])},
            "updated": (t0 + dt.timedelta(minutes=13 * i)).isoformat(),
            "discontinued": None if i % 7 else True,
        }
        for i in range(n)
    ]


ROWS = make_rows()

app = FastAPI(title="inventory")
app.add_middleware(CORSMiddleware, allow_origins=["https://shop.example"], allow_methods=["GET"])


class WorkerHeader:
    """Names the serving process in an X-Worker header (plain ASGI, no per-request task), so the
    benchmark's load generator can count each worker's share of the requests."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_header(message):
            if message["type"] == "http.response.start":
                # Read per response: under --preload the stack may be built before the fork.
                message["headers"] = [*message.get("headers", []), (b"x-worker", str(os.getpid()).encode())]
            await send(message)

        await self.app(scope, receive, send_with_header)


app.add_middleware(WorkerHeader)


@app.get("/items", response_model=Page)
async def list_items(offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=500)):
    rows = ROWS[offset % ITEMS : offset % ITEMS + limit]
    return Page(offset=offset, limit=limit, total=ITEMS, items=[Item(**r) for r in rows])


@app.get("/items/{item_id}", response_model=Item)
async def get_item(item_id: int, delay_ms: int = Query(30, ge=0, le=2000)):
    await asyncio.sleep(delay_ms / 1000)  # a simulated database or upstream API call
    if not 0 <= item_id < ITEMS:
        raise HTTPException(status_code=404, detail="no such item")
    return Item(**ROWS[item_id])


@app.get("/reports/stock", response_model=StockReport)
def stock_report():
    time.sleep(0.02)  # a blocking client library (runs in the threadpool)
    units = sum(r["quantity"] for r in ROWS[:1000])
    value = sum(Decimal(r["price"]) * r["quantity"] for r in ROWS[:200])
    return StockReport(items=1000, units=units, value=value, generated=dt.datetime(2024, 6, 1))


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.get("/pid", response_class=PlainTextResponse)
async def pid():
    return str(os.getpid())
