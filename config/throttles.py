"""The API's rate limits, counted per client address with a cost that does not grow with the rate.

DRF's own throttles keep a list of every request's time in the last period and read and write the
whole list on each request: at 600 requests a minute that is 600 numbers copied twice per request,
and more with a higher rate. These count instead, per client address and scope, the requests of
the current period and of the previous one, and estimate the last period as the current count plus
the previous count weighted by how much of it still lies within the last period (a sliding window):
a small tuple per client, whatever the rate. Same rates (API_RATE, TRIAGE_RATE), same client
address (TRUSTED_PROXY_COUNT), same cache keys, same 429 with Retry-After; never keyed by anything
a person answered.
"""

from __future__ import annotations

import math
from typing import Any

from rest_framework import throttling
from rest_framework.request import Request


class SlidingWindowThrottle(throttling.SimpleRateThrottle):
    """Stores (period number, requests in that period, requests in the period before)."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        period, into = divmod(now, self.duration)
        period = int(period)
        stored = self.cache.get(self.key)
        current = previous = 0
        if isinstance(stored, tuple) and len(stored) == 3:
            counted_period, counted, before = stored
            if counted_period == period:
                current, previous = counted, before
            elif counted_period == period - 1:
                previous = counted
        share_before = previous * (1 - into / self.duration)
        if current + share_before >= self.num_requests:
            self.current, self.previous, self.into = current, previous, into
            return False
        self.cache.set(self.key, (period, current + 1, previous), 2 * self.duration)
        return True

    def wait(self) -> float | None:
        """Seconds until one more request would be allowed."""
        room = self.num_requests - self.current
        if room > 0 and self.previous:
            # Within this period, once enough of the previous one has slid out of the window.
            return max(1.0, math.ceil(self.duration * (1 - room / self.previous) - self.into))
        # The next period starts with this one's count, which then slides out in turn.
        return max(1.0, math.ceil(self.duration - self.into + self.duration * (1 - self.num_requests / self.current)))


class PerAddress:
    """The cache key: scope and client address. The API authenticates nobody (REST_FRAMEWORK's
    DEFAULT_AUTHENTICATION_CLASSES is empty), so no user is asked for; that also lets the triage
    view throttle a plain Django request without touching the admin's session (referral/views.py)."""

    scope: str | None
    cache_format: str
    get_ident: Any

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AnonRateThrottle(PerAddress, throttling.AnonRateThrottle, SlidingWindowThrottle):
    """Every API request, per client address: API_RATE ("anon")."""


class ScopedRateThrottle(PerAddress, throttling.ScopedRateThrottle, SlidingWindowThrottle):
    """A view's own limit (triage: TRIAGE_RATE), per client address."""
