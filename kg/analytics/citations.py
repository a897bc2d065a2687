"""Citations: inferred from the names papers propose and other papers use, plus explicit reference lists.

Every reading of text happens in `extractors`, which stores per paper the names it uses, the names it
defines (with long forms) and those it proposes as its own (`kg.model.PaperNames`). Here a
name counts as introduced by a paper only when:
- the paper proposes it, and no other paper proposes it with another meaning;
- the stored name is shaped to be someone's: not a plain word or a phrase of plain words ("Flux",
  "Phoneme Error Rate"), not a plural ("FSMs") or a modifier phrase ("LLM-assisted");
- the name is distinctive in the corpus, by its document frequency: no paper uses it before the
  proposer, no other paper spells it out with another meaning, it is not spelled out by `max_definers`
  or more other papers that are also most of its users (a term most papers define is the field's, not
  anyone's; followers of a new name mostly use it bare), and at most `max_share` of all papers use it;
and a paper cites the proposer when it uses the name, is later, does not define the name otherwise
and is topically related (`min_similarity`; for a name of capitals only, which many papers coin with
other meanings, `acronym_similarity` unless the citing paper spells it out the same way).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.model import Paper, PaperNames, normalize_title

Similarity = Callable[[str, str], float]
When = tuple[int, ...]
MIN_NAME_CHARS = 3
_PLAIN_WORDS = re.compile(r"^[A-Z]?[a-z]+(?: [A-Z]?[a-z]+)*$")  # "Flux", "Mirror", "Phoneme Error Rate"
_MODIFIED = re.compile(r"-[a-z]+$")  # "LLM-assisted": a modifier phrase, not a name
_PLURAL = re.compile(r"[A-Z]s$")  # "FSMs", "LLMs": a class of things, not one
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9\-]*$")  # "RCM", "MTGS": short capitals, many meanings across papers


@dataclass(frozen=True, slots=True)
class Citation:
    citing: str
    cited: str
    evidence: str
    confidence: float
    inferred: bool = True


@dataclass(frozen=True, slots=True)
class Introduced:
    """A name and the paper that introduced it."""

    name: str
    paper_id: str
    long_form: str  # "" when the paper gives none
    users: tuple[str, ...]  # the other papers that use the name


def infer_citations(
    papers: Sequence[Paper],
    names: Iterable[PaperNames],
    *,
    similarity: Similarity | None = None,
    min_similarity: float = 0.025,
    max_share: float = 0.06,
    max_definers: int = 3,
    acronym_similarity: float = 0.1,
) -> list[Citation]:
    """Inferred citations between corpus papers, one per (citing, cited) pair, the most related kept."""
    by_id = {paper.id: paper for paper in papers}
    named = {entry.paper_id: entry for entry in names if entry.paper_id in by_id}
    strongest: dict[tuple[str, str], Citation] = {}
    limit = max(10, int(max_share * len(papers)))
    for introduced in introduced_names(by_id, named, max_definers=max_definers, max_users=limit):
        cited = by_id[introduced.paper_id]
        for citing_id in introduced.users:
            citing = named[citing_id]
            if not later(by_id[citing_id], cited) or _defines_otherwise(citing, introduced):
                continue
            if _CAPITALS.match(introduced.name) and not _spelled_alike(citing, introduced):
                needed = acronym_similarity
            else:
                needed = min_similarity
            citation = _scored(citing_id, introduced, similarity, needed)
            key = (citing_id, introduced.paper_id)
            if citation is not None and (key not in strongest or strongest[key].confidence < citation.confidence):
                strongest[key] = citation
    return sorted(strongest.values(), key=lambda c: (c.citing, c.cited))


def introduced_names(
    papers: dict[str, Paper], names: dict[str, PaperNames], *, max_definers: int, max_users: int
) -> list[Introduced]:
    """Every proposed name that passes the distinctiveness tests, with its owner and its users."""
    proposers: dict[str, list[str]] = defaultdict(list)
    for entry in names.values():
        for name in entry.proposed:
            if distinctive_shape(name):
                proposers[name].append(entry.paper_id)
    users: dict[str, list[str]] = defaultdict(list)
    definers: dict[str, dict[str, str]] = defaultdict(dict)  # name -> paper -> long form
    for entry in names.values():
        for name in proposers.keys() & set(entry.used):
            users[name].append(entry.paper_id)
        for name, form in entry.defined:
            if name in proposers:
                definers[name][entry.paper_id] = form
    found = []
    for name, owners in sorted(proposers.items()):
        owner = _owner(name, owners, papers, names)
        if (
            owner is None
            or len(users[name]) > max_users
            or _fields_term(definers[name].keys() - {owner}, users[name], max_definers)
        ):
            continue
        long_form = names[owner].long_form(name) or ""
        if long_form and any(form and _other_meaning(form, long_form) for form in definers[name].values()):
            continue  # another paper spells the name out with another meaning: it is not distinctive
        if any(_earlier(papers[user], papers[owner]) for user in users[name]):
            continue
        found.append(Introduced(name, owner, long_form, tuple(user for user in users[name] if user != owner)))
    return found


def distinctive_shape(name: str) -> bool:
    """A name shaped to be someone's: not a plain word or phrase of ordinary words, not "X-assisted"."""
    shaped = not (_PLAIN_WORDS.match(name) or _MODIFIED.search(name) or _PLURAL.search(name))
    return len(name) >= MIN_NAME_CHARS and shaped


def _owner(name: str, owners: list[str], papers: dict[str, Paper], names: dict[str, PaperNames]) -> str | None:
    """The one proposer of `name`. Several proposers count as one when the long forms they give agree
    (a proposer giving none agrees with any): the first that spells it out, else the earliest."""
    forms = {owner: names[owner].long_form(name) or "" for owner in owners}
    given = [form for form in forms.values() if form]
    if len(owners) > 1 and (not given or any(_other_meaning(given[0], form) for form in given[1:])):
        return None
    return min(owners, key=lambda owner: (not forms[owner], _when(papers[owner]) or (10_000,), owner))


def _fields_term(definers: set[str], users: list[str], max_definers: int) -> bool:
    """Many papers spell the name out, most of those that use it: the field's term, not anyone's."""
    return len(definers) >= max_definers and 2 * len(definers) > len(users)


def _spelled_alike(citing: PaperNames, introduced: Introduced) -> bool:
    """The citing paper spells the name out with the introducer's long form."""
    form = citing.long_form(introduced.name)
    return bool(form) and bool(introduced.long_form) and not _other_meaning(form or "", introduced.long_form)


def _defines_otherwise(citing: PaperNames, introduced: Introduced) -> bool:
    """The citing paper proposes the name itself, or spells it out with another long form."""
    if introduced.name in citing.proposed:
        return True
    form = citing.long_form(introduced.name)
    return bool(form) and bool(introduced.long_form) and _other_meaning(form or "", introduced.long_form)


def _when(paper: Paper) -> When | None:
    if paper.year is None:
        return None
    if paper.month is None:
        return (paper.year,)
    return (paper.year, paper.month) if paper.day is None else (paper.year, paper.month, paper.day)


def later(citing: Paper, cited: Paper) -> bool:
    """Not earlier at the precision both dates share, and strictly later when both give the day.

    Unknown dates do not block a link.
    """
    first, second = _when(citing), _when(cited)
    if first is None or second is None:
        return True
    size = min(len(first), len(second))
    return first[:size] > second[:size] if size == 3 else first[:size] >= second[:size]


def _earlier(user: Paper, owner: Paper) -> bool:
    """`user` is dated strictly before `owner` at the precision both dates share."""
    first, second = _when(user), _when(owner)
    if first is None or second is None:
        return False
    size = min(len(first), len(second))
    return first[:size] < second[:size]


def _other_meaning(long_form: str, other: str) -> bool:
    """Two long forms of one name mean different things: neither contains the other (ignoring case,
    spaces and hyphens) and they start with different words ("visual AR" and "Visual AutoRegressive
    modeling" agree; "Vector Autoregression" and "Visual AutoRegressive modeling" do not)."""
    first, second = _compressed(long_form), _compressed(other)
    if first in second or second in first:
        return False
    return long_form.split()[0].lower() != other.split()[0].lower()


@lru_cache(maxsize=65536)
def _compressed(form: str) -> str:
    return re.sub(r"\W+", "", form.lower())


def _scored(
    citing: str, introduced: Introduced, similarity: Similarity | None, min_similarity: float
) -> Citation | None:
    related = similarity(citing, introduced.paper_id) if similarity else 1.0
    if related < min_similarity:
        return None
    confidence = 0.8 + 0.15 * min(1.0, related * 4)
    evidence = f"{introduced.name} ({introduced.long_form})" if introduced.long_form else introduced.name
    return Citation(citing, introduced.paper_id, evidence, round(min(confidence, 0.99), 3))


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
