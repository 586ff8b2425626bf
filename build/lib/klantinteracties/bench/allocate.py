"""How many klantcontacten each partij of a chunk gets: skewed, as in a real contact centre.

One partij in ``heavy_every`` is a frequent caller (or a big organisation) with 1,000-3,000
contacts; a fifth of the partijen never called; the rest follow a log-normal spread around the
tier's average. 15% of the contacts are anonymous (no partij), so they are not allocated here.
"""

from __future__ import annotations

import math
import random

OWNED_SHARE = 0.85
HEAVY_SHARE_CAP = 0.3


def contacts_per_partij(rng: random.Random, n: int, total: int, heavy_every: int) -> list[int]:
    """Counts for ``n`` partijen that add up to exactly ``round(total * OWNED_SHARE)``."""
    owned = round(total * OWNED_SHARE)
    counts = [0] * n
    heavy = rng.sample(range(n), n // heavy_every) if n >= heavy_every else []
    budget = int(owned * HEAVY_SHARE_CAP)
    for i in heavy:
        counts[i] = min(rng.randint(1_000, 3_000), budget)
        budget -= counts[i]
    rest = owned - sum(counts)
    heavy_set = set(heavy)
    weights = [
        0.0 if i in heavy_set or rng.random() < 0.2 else rng.lognormvariate(0.0, 1.0)
        for i in range(n)
    ]
    for i, share in enumerate(apportion(rest, weights)):
        counts[i] += share
    return counts


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder; exact sum)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    quotas = [total * w / weight_sum for w in weights]
    counts = [math.floor(q) for q in quotas]
    short = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - quotas[i])
    for i in by_remainder[:short]:
        counts[i] += 1
    return counts
