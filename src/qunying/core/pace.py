"""A pace shared by every process: at most `rate` events per second across all task workers (SMS sending).

The cache counts the events of each window: with QUNYING_REDIS_URL one Redis counter serves every worker on every
machine, so two workers together keep to the gateway's rate instead of each sending at it; without Redis each
process counts alone (one worker, as `make run` has). Windows are a second long, or 1/rate seconds below one per
second; a caller over the window's allowance sleeps to the next window and tries again.
"""

import math
import time

from django.core.cache import cache


class SharedPace:
    def __init__(self, name: str, rate: float, *, clock=time.time, sleep=time.sleep):
        self.name = name
        self.window = 1.0 if rate >= 1 else (1 / rate if rate > 0 else 0.0)
        self.allowance = max(1, math.floor(rate * self.window)) if rate > 0 else 0
        self.clock, self.sleep = clock, sleep

    def wait(self) -> None:
        if not self.allowance:
            return  # no limit
        while True:
            now = self.clock()
            window = math.floor(now / self.window)
            key = f"pace:{self.name}:{window}"
            cache.add(key, 0, timeout=math.ceil(self.window) + 5)
            try:
                used = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=math.ceil(self.window) + 5)
                used = 1
            if used <= self.allowance:
                return
            self.sleep(max(0.001, (window + 1) * self.window - now))
