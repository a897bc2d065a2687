"""The graph-version clock of the response cache: re-read ahead of time, never older than its interval."""

from __future__ import annotations

import asyncio
import time

from api.cache import VersionClock


class SlowCounter:
    """A version source whose reads take `delay` seconds and return 1, 2, 3, … (how many reads started)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.reads = 0

    def __call__(self) -> int:
        self.reads += 1
        version = self.reads
        time.sleep(self.delay)
        return version


def answered_at_once(clock: VersionClock) -> int | None:
    """What `clock.current()` answers when it completes without waiting for anything (else it fails)."""
    step = clock.current()
    try:
        step.send(None)
    except StopIteration as done:
        return done.value
    step.close()
    raise AssertionError("the request waited for a version read")


def test_requests_inside_the_interval_never_wait_for_a_read() -> None:
    async def scenario() -> None:
        source = SlowCounter(delay=0.03)
        clock = VersionClock(source, interval=1.0)
        assert await clock.current() == 1  # the first request has nothing to go on: it waits
        assert answered_at_once(clock) == 1 and source.reads == 1  # younger than `ahead`: no read
        await asyncio.sleep(0.6)  # past `ahead` (0.25), inside the interval
        assert answered_at_once(clock) == 1  # the known version; a read starts meanwhile
        await asyncio.sleep(0.2)
        assert source.reads == 2 and answered_at_once(clock) == 2  # the background read landed

    asyncio.run(scenario())


def test_a_slow_read_does_not_hold_back_the_next() -> None:
    async def scenario() -> None:
        source = SlowCounter(delay=1.5)
        clock = VersionClock(source, interval=4.0, patience=5.0)  # a read every second while requests come
        assert await clock.current() == 1
        assert answered_at_once(clock) == 1  # read 2 starts (done 1.5 s later)
        await asyncio.sleep(1.1)
        assert answered_at_once(clock) == 1  # read 3 starts while read 2 runs
        await asyncio.sleep(0.7)
        assert source.reads == 3 and answered_at_once(clock) == 2  # read 2 answered

    asyncio.run(scenario())


def test_a_version_older_than_the_interval_is_never_used() -> None:
    async def scenario() -> None:
        source = SlowCounter(delay=0.05)
        clock = VersionClock(source, interval=0.1)
        assert await clock.current() == 1
        await asyncio.sleep(0.15)  # no request came during the read-ahead window
        assert await clock.current() == 2  # too old: this request waits for the new read

    asyncio.run(scenario())


def test_a_read_slower_than_the_patience_answers_none() -> None:
    async def scenario() -> None:
        clock = VersionClock(SlowCounter(delay=0.2), interval=0.1, patience=0.05)
        assert await clock.current() is None  # the request goes uncached; the read goes on

    asyncio.run(scenario())
