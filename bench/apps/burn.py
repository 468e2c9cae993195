"""Fixed CPU burn shared by the benchmark apps.

A fixed iteration count (not a time budget), so every server does the same
work per /cpu request. 125,000 iterations take about 4.7 ms (median) on the
2-core Debian 12 bench box with /usr/bin/python3 3.11.
"""

CPU_ITERATIONS = 125_000


def burn(n: int = CPU_ITERATIONS) -> int:
    x = 0
    for i in range(n):
        x += i * i % 7
    return x
