"""Concurrent misses of one cache key: the answer is computed once and handed to every waiter."""

from __future__ import annotations

import asyncio

import pytest

from api.cache import Cached, InFlight, Key

KEY: Key = (1, "{ topics { id } }", b"null", None)


class Gate:
    """A computation that waits for `open` and counts how often it ran."""

    def __init__(self, answer: Cached | None) -> None:
        self.answer = answer
        self.opened = asyncio.Event()
        self.runs = 0

    async def __call__(self) -> Cached | None:
        self.runs += 1
        await self.opened.wait()
        return self.answer


async def requests_for(flight: InFlight, gate: Gate, waiters: int) -> list[Cached | None]:
    """One lead and `waiters` requests that miss the same key while the lead computes."""
    lead = asyncio.create_task(flight.lead(KEY, gate, lambda answer: answer))
    await asyncio.sleep(0)  # the lead registers before the others arrive
    joined = [asyncio.create_task(flight.joined(KEY)) for _ in range(waiters)]
    await asyncio.sleep(0)
    gate.opened.set()
    return [await lead, *[await task for task in joined]]


def test_waiters_get_the_leads_answer_and_nothing_runs_twice() -> None:
    answer = Cached(b'{"data":{}}')
    gate = Gate(answer)
    answers = asyncio.run(requests_for(InFlight(), gate, waiters=20))
    assert gate.runs == 1
    assert answers == [answer] * 21


def test_a_lead_without_a_complete_answer_hands_over_none() -> None:
    gate = Gate(None)
    answers = asyncio.run(requests_for(InFlight(), gate, waiters=3))
    assert answers == [None] * 4  # each waiter then executes on its own


def test_a_failed_lead_releases_its_waiters_and_the_key() -> None:
    async def scenario() -> tuple[list[Cached | None], Cached | None]:
        flight = InFlight()

        async def failing() -> Cached:
            await asyncio.sleep(0.01)
            raise RuntimeError("Neo4j went away")

        lead = asyncio.create_task(flight.lead(KEY, failing, lambda answer: answer))
        await asyncio.sleep(0)
        waiter = asyncio.create_task(flight.joined(KEY))
        with pytest.raises(RuntimeError):
            await lead
        return [await waiter], await flight.joined(KEY)

    waited, later = asyncio.run(scenario())
    assert waited == [None] and later is None


def test_nobody_waits_when_no_lead_is_under_way() -> None:
    assert asyncio.run(InFlight().joined(KEY)) is None


def test_two_leads_of_one_key_each_finish_cleanly() -> None:
    async def scenario() -> list[bytes]:
        flight = InFlight()
        first, second = Gate(Cached(b"1")), Gate(Cached(b"2"))
        leads = [asyncio.create_task(flight.lead(KEY, gate, lambda answer: answer)) for gate in (first, second)]
        await asyncio.sleep(0)
        first.opened.set()
        second.opened.set()
        return [(await lead).body for lead in leads]  # type: ignore[union-attr]

    assert asyncio.run(scenario()) == [b"1", b"2"]
