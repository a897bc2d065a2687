"""Names a paper defines or proposes, and the names it uses: what citations between papers are read from.

`doc._.name_definitions` lists `(name, long_form, kind, proposed)` tuples:
- `acronym`: a "Long Form (LF)" or title "LF: Long Form ..." definition (from `kg_abbreviations`);
- `title-name`: the name heading a title before its colon ("Mamba: Linear-Time Sequence Modeling");
- `named`: a name right after a naming word ("a new model, dubbed Camelidae").
`proposed` is whether the paper presents the name as its own: a naming word before it, or a
sentence whose subject is the paper ("we", "this work") and whose proposing verb ("propose",
"introduce") reaches the name with no preposition or clause word in between; a title name is
proposed when the abstract has such a sentence. A name the paper only defines or uses is not.

`doc._.names_used` lists the distinct names the text uses: words shaped like names (inner capitals,
digits, acronyms; a capitalised plain word only inside a sentence and not after another capitalised
word or a number), with possessive and plural endings and "-based"-style modifiers cut off, plus the
surface of every entity span of several words. Plain data, so docs still serialize for `nlp.pipe(n_process=...)`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.components.abbreviations import definitions_of
from extractors.components.text import doc_text, span_text
from extractors.resources import read_tsv, read_words

NameDefinition = tuple[str, str | None, str, bool]

_TITLE_HEAD = re.compile(r"^([^\s:]{3,40})\s*:\s")
_NAME_SHAPE = re.compile(r"^(?:[A-Za-z][\w.+\-/]*[A-Z0-9][\w.+\-/]*|[A-Z]{2,}[\w+\-]*)$")
_PLAIN_WORD = re.compile(r"^[A-Z][a-z]+$")
_EDGE = "\"'“”‘’()[]{}.,;:!?*"
_MODIFIER = re.compile(r"^(.+?)-(?:[a-z]+)(?:-[a-z]+)*$")
_MAX_BETWEEN = 12  # words between a proposing verb and the name it proposes


@Language.factory(
    "kg_artifacts",
    default_config={"cues_file": "proposal_cues.tsv", "naming_file": "naming_words.tsv"},
)
def make_artifacts(nlp: Language, name: str, cues_file: str, naming_file: str) -> ArtifactReader:
    cues: dict[str, set[str]] = {"subject": set(), "verb": set(), "blocker": set()}
    for row in read_tsv(cues_file):
        cues[row[1]].add(row[0])
    naming = frozenset(word for word in read_words(naming_file) if " " not in word)
    return ArtifactReader(frozenset(cues["subject"]), tuple(sorted(cues["verb"])), frozenset(cues["blocker"]), naming)


class ArtifactReader:
    def __init__(
        self, subjects: frozenset[str], verbs: tuple[str, ...], blockers: frozenset[str], naming: frozenset[str]
    ) -> None:
        self.subjects = subjects
        self.verbs = verbs
        self.blockers = blockers
        self.naming = naming
        for extension in ("name_definitions", "names_used"):
            if not Doc.has_extension(extension):
                Doc.set_extension(extension, default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.name_definitions = self.definitions(doc)
        doc._.names_used = names_used(doc)
        return doc

    def definitions(self, doc: Doc) -> list[NameDefinition]:
        found: dict[str, NameDefinition] = {}
        for definition in definitions_of(doc):
            name, long_form = span_text(definition.short), span_text(definition.long)
            proposed = self.in_title(definition.long) or self.proposes(definition.long)
            found.setdefault(name, (name, long_form, "acronym", proposed))
        for span in doc.spans.get("kg_entities", []):
            before = doc[max(span.start - 2, 0) : span.start]
            name = span_text(span).rstrip(_EDGE)
            if name and any(token.lower_ in self.naming for token in before):
                found.setdefault(name, (name, None, "named", True))
        head = title_head(doc)
        if head is not None and head not in found:
            found[head] = (head, None, "title-name", self.any_proposal(doc))
        return [found[name] for name in sorted(found)]

    def in_title(self, span: Span) -> bool:
        newline = doc_text(span.doc).find("\n")
        return 0 <= span.start_char < newline and self.any_proposal(span.doc)

    def proposes(self, long_form: Span) -> bool:
        """A naming word just before the long form, or the paper's own proposing verb reaching it."""
        doc, sentence = long_form.doc, long_form.sent
        if any(
            token.lower_ in self.naming for token in doc[max(long_form.start - 3, sentence.start) : long_form.start]
        ):
            return True
        words = [token.lower_ for token in doc[sentence.start : long_form.start]]
        verb = self.verb_position(words)
        if verb is None or not self.has_subject(words[:verb]):
            return False
        between = words[verb + 1 :]
        return len(between) <= _MAX_BETWEEN and not any(word in self.blockers for word in between)

    def verb_position(self, words: list[str]) -> int | None:
        for position in range(len(words) - 1, -1, -1):
            if words[position].startswith(self.verbs):
                return position
        return None

    def has_subject(self, words: list[str]) -> bool:
        text = " ".join(words)
        return any(re.search(rf"(?<!\w){re.escape(subject)}(?!\w)", text) for subject in self.subjects)

    def any_proposal(self, doc: Doc) -> bool:
        for sentence in doc.sents:
            words = [token.lower_ for token in sentence]
            verb = self.verb_position(words)
            if verb is not None and self.has_subject(words[:verb]):
                return True
        return False


def title_head(doc: Doc) -> str | None:
    """The single name heading the title before its colon ("Mamba", "LLaVA-OneVision", "NERV++"), if any."""
    text = doc_text(doc)
    title = text[: text.find("\n")] if "\n" in text else text
    match = _TITLE_HEAD.match(title)
    if match is None:
        return None
    head = match.group(1)
    return head if _NAME_SHAPE.match(head) or _PLAIN_WORD.match(head) else None


def names_used(doc: Doc) -> list[str]:
    """The distinct names the text uses (see the module docstring), sorted."""
    spans = (span_text(span).rstrip(_EDGE) for span in doc.spans.get("kg_entities", []))
    names = {text for text in spans if " " in text}  # one-word names come whole from the words below
    for sentence in doc.sents:
        joined = False  # the previous word runs into this one as part of a longer name ("Claude 3.5 Sonnet")
        for position, raw in enumerate(span_text(sentence).split()):
            word = _bare(raw)
            if _NAME_SHAPE.match(word):
                names.add(word)
                names.update(_variants(word))
            elif _PLAIN_WORD.match(word) and position > 0 and not joined:
                names.add(word)
            joined = (word[:1].isupper() or word[:1].isdigit()) and raw[-1:].isalnum()

    names.discard("")
    return sorted(names)


def _bare(word: str) -> str:
    word = word.strip(_EDGE)
    for ending in ("'s", "’s"):
        word = word.removesuffix(ending)
    return word.strip(_EDGE)


def _variants(word: str) -> set[str]:
    """ "VARs" -> VAR; "VAR-based" -> VAR."""
    found = set()
    if word.endswith("s") and len(word) > 3 and word[-2].isupper():
        found.add(word[:-1])
    modified = _MODIFIER.match(word)
    if modified and _NAME_SHAPE.match(modified.group(1)):
        found.add(modified.group(1))
    return found
