"""Issue #7 point 2: Schemathesis against the live GraphQL endpoint on the analysed corpus graph.

Every root field of the schema (queries and mutations, the latter without the API key) gets
generated documents in positive mode (valid against the schema) and negative mode (invalid
arguments and shapes), over 1,000 requests in all. No answer may be a 5xx, and none may carry a
stack trace or an error without a typed code.
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from neo4j import Driver
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.core.result import Ok
from schemathesis.schemas import APIOperation

from kg.settings import Settings
from tests.integration.api.conftest import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MIN_REQUESTS = 1000
TRACE_MARKERS = ("Traceback", 'File "', "neo4j.exceptions", "strawberry/", "site-packages")


@pytest.fixture(scope="module")
def api_url(neo4j_settings: Settings) -> Iterator[str]:
    keyed = neo4j_settings.model_copy(update={"api_key": SecretStr(secrets.token_urlsafe(18))})
    with LiveServer(keyed) as server:
        yield server.url


def problems_in(response: requests.Response) -> list[str]:
    """Why an answer is unacceptable: a server error, a stack trace, or an error without a code."""
    found = []
    if response.status_code >= 500:
        found.append(f"status {response.status_code}")
    found += [f"trace marker {marker!r}" for marker in TRACE_MARKERS if marker in response.text]
    try:
        body: Any = response.json()
    except ValueError:
        return [*found, "body is not JSON"]
    for error in body.get("errors", []) if isinstance(body, dict) else []:
        if not isinstance(error.get("extensions"), dict) or not error["extensions"].get("code"):
            found.append(f"error without a code: {error}")
    return found


def fuzz_operation(
    operation: APIOperation, mode: GenerationMode, examples: int, base_url: str, session: requests.Session
) -> tuple[int, list[str]]:
    """Send `examples` generated documents for one root field; the number sent and what went wrong."""
    sent = 0
    failures: list[str] = []

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def send(case: Any) -> None:
        nonlocal sent
        response = case.call(base_url=base_url, session=session, timeout=30)
        sent += 1
        for problem in problems_in(response):
            failures.append(f"{operation.label} [{mode}] {problem}: {str(case.body)[:300]}")

    send()
    return sent, failures


def test_generated_graphql_requests_never_fail_the_server(analyzed_graph: Driver, api_url: str) -> None:
    schema = schemathesis.graphql.from_url(f"{api_url}/graphql")
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(operations) >= 10, [operation.label for operation in operations]
    per_run = math.ceil(MIN_REQUESTS * 1.1 / (2 * len(operations)))
    sent: Counter[str] = Counter()
    failures: list[str] = []
    with requests.Session() as session:
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                count, found = fuzz_operation(operation, mode, per_run, api_url, session)
                sent[mode.value] += count
                failures += found
    print(
        f"schemathesis requests: {dict(sent)} over {len(operations)} root fields"
    )  # the figure for the report (pytest -s)
    assert not failures, "\n".join(failures[:20])
    assert sent["positive"] > 0 and sent["negative"] > 0
    assert sum(sent.values()) >= MIN_REQUESTS, sent
