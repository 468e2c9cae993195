"""A Flask analytics service over a pandas DataFrame (WSGI), for the worker-tune benchmarks.

At import it builds a deterministic sales table (numpy's seeded generator; 200 000 rows, about
15 MiB), as a service that loads its data set at start would. Endpoints:
  /report?region=R   group-by and pivot over the region's rows          (CPU, ~10 ms)
  /trend?sku=N       rolling statistics of one product's daily series   (CPU, a few ms)
  /enrich/<id>[?delay_ms=]  waits on a simulated external pricing API (30 ms, or the given delay), then a small lookup (IO)
  /status            static JSON
  /pid               the serving process's PID (lets the benchmark see every worker)
Every response names its process in an X-Worker header (the benchmark counts each worker's share).
Serve from this folder: `gunicorn analytics:app`, `waitress-serve analytics:app`.
"""
import os
import time

import numpy as np
import pandas as pd
from flask import Flask, jsonify, request

ROWS = 200_000
REGIONS = ["north", "south", "east", "west", "central"]
CHANNELS = ["web", "store", "partner", "phone"]
SKUS = 500


def load_sales(rows=ROWS, seed=7):
    rng = np.random.default_rng(seed)
    day = pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, rows), unit="D")
    df = pd.DataFrame(
        {
            "day": day,
            "region": pd.Categorical(rng.choice(REGIONS, rows)),
            "channel": pd.Categorical(rng.choice(CHANNELS, rows)),
            "sku": rng.integers(0, SKUS, rows),
            "units": rng.poisson(3, rows) + 1,
            "price": rng.gamma(2.0, 20.0, rows).round(2),
        }
    )
    df["revenue"] = df["units"] * df["price"]
    return df


SALES = load_sales()
BY_REGION = {r: SALES[SALES["region"] == r] for r in REGIONS}
PRICES = SALES.groupby("sku")["price"].median()

app = Flask(__name__)


@app.after_request
def worker_header(response):
    # Names the serving process, so the benchmark's load generator can count each worker's share.
    response.headers["X-Worker"] = str(os.getpid())
    return response


@app.get("/report")
def report():
    region = request.args.get("region", "north")
    df = BY_REGION.get(region)
    if df is None:
        return jsonify(error="unknown region"), 404
    monthly = df.groupby([df["day"].dt.month, "channel"], observed=True)["revenue"].sum().unstack(fill_value=0)
    top = df.groupby("sku")["revenue"].sum().nlargest(10)
    return jsonify(
        region=region,
        months={int(m): {str(k): round(float(v), 2) for k, v in row.items()} for m, row in monthly.iterrows()},
        top_skus={int(k): round(float(v), 2) for k, v in top.items()},
        mean_basket=round(float(df["revenue"].mean()), 2),
    )


@app.get("/trend")
def trend():
    sku = int(request.args.get("sku", 1)) % SKUS
    daily = SALES.loc[SALES["sku"] == sku].set_index("day")["units"].resample("D").sum()
    roll = daily.rolling(7, min_periods=1).mean()
    return jsonify(sku=sku, days=len(daily), last_week=[round(float(x), 2) for x in roll.tail(7)], peak=str(daily.idxmax().date()))


@app.get("/enrich/<int:sku>")
def enrich(sku):
    delay = request.args.get("delay_ms", "")
    # a simulated call to an external pricing API: 30 ms, or ?delay_ms= (at most 2000) for a slow one
    time.sleep(min(int(delay), 2000) / 1000 if delay.isdigit() else 0.03)
    return jsonify(sku=sku, median_price=float(PRICES.get(sku % SKUS, 0.0)), currency="EUR")


@app.get("/status")
def status():
    return jsonify(status="ok", rows=ROWS)


@app.get("/pid")
def pid():
    return str(os.getpid())
