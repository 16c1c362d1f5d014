"""A shared Redis cache that never takes the service down with it.

The cache only holds the directory's version token and the throttle counters. When Redis cannot
be reached, each call falls back to a small cache in this process (which also keeps the last values
read from or written to Redis, so the snapshot's version stays the one it was), and Redis is not
asked again for a few seconds, so an outage costs one failed connection per process, not one per
request. Triage, the page and the widget keep answering; throttles count per process meanwhile.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds to leave Redis alone after a failure before trying it again.
RETRY_AFTER_SECONDS = 5.0


class FailSoftRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.local = LocMemCache(f"fail-soft-{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self.down_until = 0.0

    def is_reachable(self) -> bool:
        """Asks Redis itself (for /readyz), whatever the fallback is doing."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self.down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                self.down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Redis unreachable (%s); using this process's cache for a while.", type(error).__name__)
        return getattr(self.local, name)(*args, **kwargs)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        value = self._call("get", key, default, version)
        if value is not default:
            self.local.set(key, value, None, version)  # kept until culled: the last known value
        return value

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        self.local.set(key, value, timeout, version)
        self._call("set", key, value, timeout, version)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return bool(self._call("add", key, value, timeout, version))

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return bool(self._call("touch", key, timeout, version))

    def delete(self, key: Any, version: Any = None) -> bool:
        self.local.delete(key, version)
        return bool(self._call("delete", key, version))

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return dict(self._call("get_many", keys, version))

    def has_key(self, key: Any, version: Any = None) -> bool:
        return bool(self._call("has_key", key, version))

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return int(self._call("incr", key, delta, version))

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return list(self._call("set_many", data, timeout, version))

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call("delete_many", keys, version)

    def clear(self) -> None:
        self.local.clear()
        self._call("clear")
