"""The API's rate limits, counted per client address with a cost that grows with neither the rate
nor the number of limits.

Every API request counts against API_RATE (scope "anon"); a view with a `throttle_scope` (triage:
TRIAGE_RATE) also against its own. Per scope the cache holds the requests of the current period
and of the previous one, and the last period is estimated as the current count plus the previous
count weighted by how much of it still lies within the last period (a sliding window); DRF's own
throttles instead keep the time of every request in the last period and copy that whole list twice
per request. All scopes of one client address share one cache entry, so a request costs one read
and one write. The client address is DRF's (TRUSTED_PROXY_COUNT); a refusal is DRF's 429 with
Retry-After; never keyed by anything a person answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

# (period number, requests in that period, requests in the period before), per scope
Counts = dict[str, tuple[int, int, int]]


@dataclass(frozen=True, slots=True)
class Window:
    """One scope's counts at one moment."""

    limit: int  # requests allowed per period
    duration: int  # seconds
    period: int  # the number of the current period
    into: float  # seconds into it
    current: int  # requests counted in it
    previous: int  # requests counted in the period before

    def has_room(self) -> bool:
        return self.current + self.previous * (1 - self.into / self.duration) < self.limit

    def wait(self) -> float:
        """Seconds until one more request would be allowed."""
        room = self.limit - self.current
        if room > 0 and self.previous:
            # Within this period, once enough of the previous one has slid out of the window.
            return max(1.0, math.ceil(self.duration * (1 - room / self.previous) - self.into))
        # The next period starts with this one's count, which then slides out in turn.
        return max(1.0, math.ceil(self.duration - self.into + self.duration * (1 - self.limit / self.current)))


class ClientRateThrottle(SimpleRateThrottle):
    """API_RATE for every request, and the view's `throttle_scope` rate, per client address.

    The API authenticates nobody (REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES is empty), so no
    user is asked for; that also lets the triage view throttle a plain Django request without
    touching a session (referral/views.py)."""

    scope = "anon"
    cache_format = "throttle_%(ident)s"

    def __init__(self) -> None:  # the rates are read per scope in allow_request
        self.refused: list[Window] = []

    def allow_request(self, request: Request | HttpRequest, view: Any) -> bool:
        scope = getattr(view, "throttle_scope", None)
        scopes = (self.scope, scope) if scope else (self.scope,)
        now = self.timer()
        key = self.cache_format % {"ident": self.get_ident(request)}
        stored = self.cache.get(key)
        counts: Counts = stored if isinstance(stored, dict) else {}
        self.refused = []
        longest = 0
        for scope in scopes:
            rate = self.THROTTLE_RATES.get(scope)
            if not rate:
                continue
            window = self.window(rate, counts.get(scope), now)
            longest = max(longest, window.duration)
            if window.has_room():  # as with DRF's one throttle per scope: each scope with room counts it
                counts[scope] = (window.period, window.current + 1, window.previous)
            else:
                self.refused.append(window)
        if longest:
            self.cache.set(key, counts, 2 * longest)
        return not self.refused

    def wait(self) -> float | None:
        return max((window.wait() for window in self.refused), default=None)

    def window(self, rate: str, stored: tuple[int, int, int] | None, now: float) -> Window:
        limit, duration = parsed_rate(rate)
        period, into = divmod(now, duration)
        current = previous = 0
        if stored is not None:
            counted_period, counted, before = stored
            if counted_period == period:
                current, previous = counted, before
            elif counted_period == period - 1:
                previous = counted
        return Window(limit, duration, int(period), into, current, previous)


@cache
def parsed_rate(rate: str) -> tuple[int, int]:
    """DRF's reading of a rate ("60/minute": 60 requests per 60 seconds), once per rate."""
    limit, duration = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]  # uses no self
    return limit, duration
