"""One `kg analyze` run over the corpus graph, shared by tests (the `analyzed_graph` fixture)."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kg.analytics.pipeline import AnalysisParams
from kg.analytics.runs import run_analysis
from kg.settings import Settings
from kg.store.analytics import current_run


def ensure_analysis(driver: Driver, settings: Settings) -> dict[str, Any]:
    """The current run, after running one analysis when none is current (cheap when one is)."""
    run = current_run(driver, settings.neo4j_database)
    if run is None:
        params = AnalysisParams(resolution=settings.topic_resolution, seed=settings.seed)
        run_analysis(driver, settings.neo4j_database, params, batch_size=settings.batch_size)
        run = current_run(driver, settings.neo4j_database)
    assert run is not None
    return run
