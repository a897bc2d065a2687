"""Per-request DataLoaders: every lookup by id in one request becomes one batched Neo4j read.

A page of 50 papers that asks for each paper's entities and topics costs one read for the page,
one for all 50 entity lists and one for all 50 topic lists, whatever the page size.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from anyio import to_thread
from strawberry.dataloader import DataLoader

from api.graphql.errors import ServiceUnavailableError
from kg.store.reads import GraphReader, Row

T = TypeVar("T")


async def call_reader(timeout: float, fn: Callable[..., T], *args: Any) -> T:
    """Run one blocking read in a worker thread; past `timeout` seconds, give up as unavailable."""
    try:
        return await asyncio.wait_for(to_thread.run_sync(fn, *args, abandon_on_cancel=True), timeout)
    except TimeoutError:
        raise ServiceUnavailableError("the graph database did not answer in time") from None


def _loader(timeout: float, fetch: Callable[[list[str]], dict[str, Any]], default: Any) -> DataLoader[str, Any]:
    async def load(keys: Sequence[str]) -> list[Any]:
        found = await call_reader(timeout, fetch, list(dict.fromkeys(keys)))
        return [found.get(key, default) for key in keys]

    return DataLoader(load_fn=load)


@dataclass(frozen=True, slots=True)
class Loaders:
    paper: DataLoader[str, Row | None]
    entity: DataLoader[str, Row | None]
    claim: DataLoader[str, Row | None]
    entities_of_paper: DataLoader[str, list[Row]]
    topics_of_paper: DataLoader[str, list[Row]]
    claims_of_paper: DataLoader[str, list[Row]]
    results_of_paper: DataLoader[str, list[Row]]
    entities_of_claim: DataLoader[str, list[Row]]


def create_loaders(reader: GraphReader, timeout: float) -> Loaders:
    """Fresh loaders for one request (their caches must not outlive it)."""
    return Loaders(
        paper=_loader(timeout, reader.papers_by_id, None),
        entity=_loader(timeout, reader.entities_by_key, None),
        claim=_loader(timeout, reader.claims_by_id, None),
        entities_of_paper=_loader(timeout, reader.entities_of_papers, []),
        topics_of_paper=_loader(timeout, reader.topics_of_papers, []),
        claims_of_paper=_loader(timeout, reader.claims_of_papers, []),
        results_of_paper=_loader(timeout, reader.results_of_papers, []),
        entities_of_claim=_loader(timeout, reader.entities_of_claims, []),
    )
