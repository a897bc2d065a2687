"""Inputs and answers of the mutations."""

from __future__ import annotations

import strawberry

from kg.model import Paper, paper_id


@strawberry.input(description="A paper to ingest; its id is derived from the title.")
class PaperInput:
    title: str
    abstract: str
    date: str | None = strawberry.field(default=None, description="ISO date, e.g. 2025-11-20.")
    authors: list[str] = strawberry.field(default_factory=list)
    organization: str | None = None
    upvotes: int | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    references: list[str] = strawberry.field(default_factory=list, description="Ids, DOIs, arXiv ids or titles.")

    def to_paper(self) -> Paper:
        year, month, day = _date_parts(self.date)
        return Paper(
            id=paper_id(self.title),
            title=" ".join(self.title.split()),
            abstract=self.abstract.strip(),
            date=self.date,
            year=year,
            month=month,
            day=day,
            authors=list(self.authors),
            author_count=len(self.authors) or None,
            organization=self.organization,
            upvotes=self.upvotes,
            doi=self.doi,
            arxiv_id=self.arxiv_id,
            references=list(self.references),
        )


def _date_parts(date: str | None) -> tuple[int | None, int | None, int | None]:
    parts = (date or "").split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        return int(parts[0]), int(parts[1]), int(parts[2])
    return None, None, None


@strawberry.type(description="What `ingest` wrote.")
class IngestSummary:
    paper_ids: list[strawberry.ID]
    new: int = strawberry.field(description="Papers that were not in the graph.")
    updated: int = strawberry.field(description="Papers whose properties changed.")
    unchanged: int = strawberry.field(description="Papers already in the graph as given.")
    extracted: int = strawberry.field(description="Papers run through the extractor (new, changed or older extractor).")
    extractor_version: str


@strawberry.type(description="What `runAnalysis` did.")
class AnalysisSummary:
    run_id: strawberry.ID
    status: str
    summary: str | None = strawberry.field(description="The run's summary, as JSON text.")
