"""Per-client token buckets: a burst of uploads, then a sustained rate; a rate of 0 sets no limit (docs/intake.md)."""

from __future__ import annotations

import threading
import time


class RateLimiter:
    def __init__(self, per_minute: float, burst: int, max_clients: int = 100_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(max(1, burst))
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 when allowed; otherwise the seconds to wait before the next upload."""
        if self.rate <= 0:  # rate_per_minute = 0: no limit, as 0 turns a limit off elsewhere in the settings (keep_days)
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                self._trim()
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate

    def _trim(self) -> None:
        if len(self._buckets) > self.max_clients:
            for key in list(self._buckets)[: len(self._buckets) // 2]:
                del self._buckets[key]
