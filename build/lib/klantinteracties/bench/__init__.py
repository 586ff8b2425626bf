"""Benchmark tooling: a deterministic data generator (``bench seed``) and an HTTP load driver
(``bench run``). Nothing in here is used by the server itself, except the opt-in statement
counter route in ``stats.py`` (only registered when ``KLANTINTERACTIES_BENCH_STATS=1``)."""
