"""Configuration, read once from the environment (prefix `KG_`) and an optional `.env` file.

Composition roots (the CLI, the FastAPI lifespan, the scheduler) call `Settings()` once and pass the
object down; library code never reads `os.environ`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# `.env` is read from the current folder and, failing that, from the project folder `make demo` wrote it
# in (a checkout installed in place), so `kg` works from any folder; the current folder's wins.
PROJECT_DIR = Path(__file__).resolve().parents[1]
ENV_FILES = (PROJECT_DIR / ".env", Path(".env"))

NEO4J_VERSION = "5.26.30"
NEO4J_BROWSER_VERSION = "5.24.0"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", env_file=ENV_FILES, extra="ignore")

    # Neo4j connection. When `neo4j_uri` is set, that server is used and nothing is started locally.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_connect_timeout: float = Field(5.0, description="seconds to wait for a Bolt connection")
    neo4j_retries: int = Field(3, description="connection attempts before giving up, with backoff")

    # The local server that `kg neo4j start` runs.
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_version: str = NEO4J_VERSION
    neo4j_browser_version: str = NEO4J_BROWSER_VERSION
    cache_dir: Path = Field(Path.home() / ".cache" / "kg", description="downloaded Neo4j jars")
    data_dir: Path = Field(Path(".kg"), description="project-local state: Neo4j data and logs, reports")

    # Ingestion and extraction.
    batch_size: int = 1000
    rejects_file: Path | None = None

    # Analytics.
    topic_resolution: float = 2.0
    seed: int = 42

    # API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_key: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    graphiql: bool = True
    max_page_size: int = 100
    max_query_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_body_bytes: int = 1_000_000
    api_neo4j_connect_timeout: float = Field(1.0, description="seconds the API waits for a Bolt connection")
    api_request_timeout: float = Field(5.0, description="seconds one API read may take before SERVICE_UNAVAILABLE")
    api_response_cache: bool = Field(True, description="cache complete query answers by graph version (api/cache.py)")
    api_compiled_answers: bool = Field(
        True, description="answer fully planned queries from the projection read's rows (api/graphql/compiled/)"
    )

    # Reports and scheduling.
    reports_dir: Path = Path("reports")
    report_cron: str = "0 6 * * *"

    @staticmethod
    def env_files() -> str:
        """Where `.env` is looked for, for messages."""
        return " and ".join(dict.fromkeys(str(path.absolute()) for path in reversed(ENV_FILES)))

    @property
    def manages_local_neo4j(self) -> bool:
        """True unless the user pointed `KG_NEO4J_URI` at a server of their own."""
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.neo4j_http_port}/browser/"

    @property
    def neo4j_home(self) -> Path:
        return self.data_dir / "neo4j"
