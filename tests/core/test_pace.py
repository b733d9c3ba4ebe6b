"""The shared pace (issue 22 item 2): the SMS rate holds across every worker, because the window's count lives in the
cache (Redis on several machines), not in each worker."""

import pytest
from django.core.cache import cache

from qunying.core.pace import SharedPace
from tests.core.redis import redis_cache  # noqa: F401  (fixture)


class Clock:
    def __init__(self, start: float = 1_000_000.0):
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    cache.clear()
    yield
    cache.clear()


def sends_per_second(paces: list[SharedPace], clock: Clock, messages: int) -> dict[int, int]:
    """Send `messages` alternately through the given workers; how many left in each second."""
    seconds: dict[int, int] = {}
    for i in range(messages):
        paces[i % len(paces)].wait()
        seconds[int(clock.now)] = seconds.get(int(clock.now), 0) + 1
    return seconds


def test_two_workers_together_keep_to_the_rate(shared_cache):
    clock = Clock()
    workers = [SharedPace("sms", 5, clock=clock, sleep=clock.sleep) for _ in range(2)]

    seconds = sends_per_second(workers, clock, 20)

    assert list(seconds.values()) == [5, 5, 5, 5]  # not 10 a second: the two share one allowance


def test_a_rate_below_one_a_second_spaces_the_messages(shared_cache):
    clock = Clock()
    worker = SharedPace("sms", 0.5, clock=clock, sleep=clock.sleep)

    seconds = sends_per_second([worker], clock, 3)

    assert sorted(seconds) == [1_000_000, 1_000_002, 1_000_004]


def test_rate_zero_means_no_limit(shared_cache):
    clock = Clock()
    sends_per_second([SharedPace("sms", 0, clock=clock, sleep=clock.sleep)], clock, 50)
    assert clock.slept == []
