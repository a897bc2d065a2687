"""Citations: inferred from artifact mentions in abstracts, plus explicit reference lists.

An abstract that mentions an artifact another corpus paper introduced (see `kg.analytics.artifacts`)
cites that paper. Collisions are rejected by rule, not by lists of titles: later versions and variants
("RWKV-7", "EfficientNetV2", "Kinetics-400"), compounds ("Omni-MATH"), a plain word that is part of a
longer name ("Claude 3.5 Sonnet") or is an ordinary word of the corpus, an acronym the citing paper
defines with another meaning ("Mixture of Contexts (MoC)"), names used by too many papers to be
anyone's, topically unrelated papers, and links backwards in time where both dates are known.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.analytics.artifacts import Artifact, _stem, defined_acronyms, introduced_acronyms, introduced_artifacts
from kg.model import Paper, normalize_title

CHUNK = re.compile(r"[a-z0-9]+")
KIND_CONFIDENCE = {"name": 0.85, "acronym": 0.8, "title-phrase": 0.6}
Similarity = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class Citation:
    citing: str
    cited: str
    evidence: str
    confidence: float
    inferred: bool = True


def infer_citations(
    papers: Sequence[Paper],
    *,
    similarity: Similarity | None = None,
    min_similarity: float = 0.025,
    max_share: float = 0.06,
) -> list[Citation]:
    """Inferred citations between corpus papers, one per (citing, cited) pair, strongest evidence kept."""
    artifacts = _usable_artifacts(papers)
    patterns = {id(artifact): _pattern(artifact) for artifact in artifacts}
    index = _first_chunk_index(artifacts)
    by_id = {paper.id: paper for paper in papers}
    strongest: dict[tuple[str, str], tuple[Citation, int]] = {}
    uses: Counter[int] = Counter()
    for paper in papers:
        candidates = _candidates(paper.abstract, index)
        defined = defined_acronyms(paper.abstract) if candidates else {}
        introduced = introduced_acronyms(paper.abstract) if candidates else {}
        for artifact in candidates:
            if artifact.paper_id == paper.id or not _plausible(paper, by_id[artifact.paper_id]):
                continue
            evidence = _find(paper.abstract, artifact, patterns[id(artifact)], defined, introduced)
            if evidence is None:
                continue
            uses[id(artifact)] += 1
            citation = _scored(paper.id, artifact, evidence, similarity, min_similarity)
            key = (paper.id, artifact.paper_id)
            if citation is not None and (key not in strongest or strongest[key][0].confidence < citation.confidence):
                strongest[key] = (citation, id(artifact))
    limit = max(10, int(max_share * len(papers)))
    kept = [citation for citation, artifact_key in strongest.values() if uses[artifact_key] <= limit]
    return sorted(kept, key=lambda c: (c.citing, c.cited))


def _usable_artifacts(papers: Sequence[Paper]) -> list[Artifact]:
    """Every paper's artifacts, minus ordinary words and names more than one paper claims."""
    lowercase_words = Counter(word for paper in papers for word in set(re.findall(r"\b[a-z]+\b", paper.abstract)))
    claimed: dict[str, list[tuple[Artifact, Paper]]] = defaultdict(list)
    for paper in papers:
        for artifact in introduced_artifacts(paper):
            if artifact.plain_word and lowercase_words[artifact.text.lower()] >= 2:
                continue
            claimed[artifact.text.lower()].append((artifact, paper))
    owned = (_owner(owners) for owners in claimed.values())
    return [artifact for artifact in owned if artifact is not None]


def _owner(owners: list[tuple[Artifact, Paper]]) -> Artifact | None:
    """The paper that introduced a name several papers carry.

    Papers whose own title name merely builds on it ("TTS-VAR" for "VAR") are not its owner; then the
    paper whose title heads with the name or its long form, then the earliest dated one.
    """
    if len(owners) > 1:
        owners = [(artifact, paper) for artifact, paper in owners if not _derived_name(artifact, paper)] or owners
    if len(owners) > 1:
        owners = [(artifact, paper) for artifact, paper in owners if _title_heads_with(artifact, paper)] or owners
    if len(owners) == 1:
        return owners[0][0]
    dated = [(month, artifact.paper_id, artifact) for artifact, paper in owners if (month := _month(paper)) is not None]
    return min(dated, key=lambda item: (item[0], item[1]))[2] if len(dated) == len(owners) else None


def _derived_name(artifact: Artifact, paper: Paper) -> bool:
    head = paper.title.split(":", 1)[0]
    return any(artifact.text in token and artifact.text != token for token in re.split(r"[\s,]+", head))


def _title_heads_with(artifact: Artifact, paper: Paper) -> bool:
    head = normalize_title(paper.title.split(":", 1)[0])
    return any(form and normalize_title(form) in head for form in (artifact.text, artifact.long_form))


def _month(paper: Paper) -> int | None:
    return paper.year * 12 + (paper.month or 1) if paper.year else None


def _plausible(citing: Paper, cited: Paper) -> bool:
    """False for links backwards in time when both dates are known."""
    citing_month, cited_month = _month(citing), _month(cited)
    return citing_month is None or cited_month is None or citing_month >= cited_month


def _pattern(artifact: Artifact) -> re.Pattern[str]:
    if artifact.kind == "title-phrase":
        words = [re.escape(word) for word in _stem(artifact.text).split()]
        body = r"[\s\-]+".join(words) + r"\w*"
        return re.compile(rf"(?<![\w\-]){body}(?![\w+])", re.IGNORECASE)
    body = re.escape(artifact.text)
    suffix = r"(?:s|'s|’s|-?1|-?v1)?" if artifact.kind == "name" else r"(?:s|'s|’s|Nets?)?"
    flags = re.IGNORECASE if artifact.kind == "acronym" and any(ch.islower() for ch in artifact.text) else 0
    return re.compile(rf"(?<!\w)(?<!\w-){body}{suffix}(?![\w+])(?!-\d)(?!-?[vV]\d)(?!\.\d)", flags)


Index = dict[str, list[tuple[Artifact, frozenset[str]]]]


def _first_chunk_index(artifacts: Iterable[Artifact]) -> Index:
    """Artifacts by the first word-chunk of their text, with the inner chunks a text must also hold."""
    index: Index = defaultdict(list)
    for artifact in artifacts:
        chunks = CHUNK.findall(artifact.text.lower())
        if chunks:
            index[chunks[0]].append((artifact, frozenset(chunks[1:-1])))
    return index


def _candidates(text: str, index: Index) -> list[Artifact]:
    """Artifacts whose words all occur in `text` (the last one in any form): the only ones worth a regex."""
    chunks = set(CHUNK.findall(text.lower()))
    variants = chunks | {chunk.rstrip("0123456789") for chunk in chunks} | {chunk[:-1] for chunk in chunks}
    variants |= {c[:-4] if c.endswith("nets") else c[:-3] if c.endswith("net") else c for c in chunks}  # nets?$
    return [artifact for chunk in variants for artifact, inner in index.get(chunk, ()) if inner <= chunks]


def _find(
    text: str, artifact: Artifact, pattern: re.Pattern[str], defined: dict[str, str], introduced: dict[str, str]
) -> str | None:
    """The evidence (the matched text in its context) of the first acceptable mention, if any."""
    if artifact.text in defined and _differs(defined[artifact.text], artifact.long_form):
        return None
    own_long_forms = [
        form
        for acronym, form in defined.items()
        if acronym != artifact.text and _differs(form, artifact.text) and _differs(form, artifact.long_form)
    ] + [form for acronym, form in introduced.items() if acronym != artifact.text]
    for match in pattern.finditer(text):
        if artifact.plain_word and _inside_longer_name(text, match.start()):
            continue
        if any(_overlaps(text, form, match.start()) for form in own_long_forms):
            continue
        return _context(text, match.start(), match.end())
    return None


def _differs(long_form: str, other: str | None) -> bool:
    """True unless one form contains the other, ignoring case, spaces and hyphens."""
    if other is None:
        return True
    first, second = _compressed(long_form), _compressed(other)
    return first not in second and second not in first


@lru_cache(maxsize=65536)
def _compressed(form: str) -> str:
    return re.sub(r"\W+", "", form.lower())


def _inside_longer_name(text: str, start: int) -> bool:
    """A plain word right after a capitalised word or a number, or opening a sentence."""
    before = text[:start]
    if not before.strip() or re.search(r"[.!?]\s*$", before):
        return True
    return bool(re.search(r"(?:\b[A-Z][\w\-]*|\d[\d.]*)\s+$", before))


def _overlaps(text: str, long_form: str, position: int) -> bool:
    return any(match.start() <= position < match.end() for match in re.finditer(re.escape(long_form), text))


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    sentence_start = text.rfind(". ", 0, start)
    left = max(sentence_start + 2 if sentence_start >= 0 else 0, start - width)
    if left > 0 and text[left - 1] not in " (":  # cut inside a word: start at the next word
        left = min(text.find(" ", left, start) + 1 or start, start)
    right_stop = text.find(". ", end)
    right = min(end + width, right_stop if right_stop != -1 else len(text))
    if right < len(text) and text[right] not in " .,;)":
        right = max(text.rfind(" ", end, right), end)
    return text[left:right].strip()


def _scored(
    citing: str, artifact: Artifact, evidence: str, similarity: Similarity | None, min_similarity: float
) -> Citation | None:
    related = similarity(citing, artifact.paper_id) if similarity else 1.0
    needed = min_similarity * (2.0 if artifact.plain_word or artifact.kind == "title-phrase" else 1.0)
    if related < needed:
        return None
    confidence = KIND_CONFIDENCE[artifact.kind] + 0.15 * min(1.0, related * 4)
    return Citation(citing, artifact.paper_id, evidence, round(min(confidence, 0.99), 3))


def explicit_citations(papers: Sequence[Paper]) -> list[Citation]:
    """`references` of each paper resolved to corpus papers by id, DOI, arXiv id or normalized title."""
    keys: dict[str, str] = {}
    for paper in papers:
        for key in (paper.id, paper.doi, paper.arxiv_id, normalize_title(paper.title)):
            if key:
                keys[key.lower() if key != paper.id else key] = paper.id
    found = set()
    for paper in papers:
        for reference in paper.references:
            cited = keys.get(reference) or keys.get(reference.lower()) or keys.get(normalize_title(reference))
            if cited and cited != paper.id:
                found.add((paper.id, cited))
    return [Citation(citing, cited, "reference list", 1.0, inferred=False) for citing, cited in sorted(found)]


def leaders(
    members: Iterable[str], citation_counts: dict[str, int], pagerank: dict[str, float], *, top: int = 3
) -> list[str]:
    """The most cited papers of a group (PageRank breaks ties), at least one citation each."""
    ranked = sorted(members, key=lambda paper: (-citation_counts.get(paper, 0), -pagerank.get(paper, 0.0), paper))
    return [paper for paper in ranked[:top] if citation_counts.get(paper, 0) > 0]
