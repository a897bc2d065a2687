"""What a paper introduces, as names other abstracts can mention: the artifacts citations are inferred from.

Three kinds, each with its own matching rule:
- `name`: the name before a title's colon ("Mamba", "AWQ", "NERV++", "Inverse Scaling"), matched
  case-sensitively as a proper name;
- `acronym`: an abbreviation the paper itself introduces ("we present Visual AutoRegressive modeling
  (VAR)"), matched case-sensitively;
- `title-phrase`: a coined term heading a title ("Emergent Abilities", "the Curse of Depth",
  "Matryoshka Representation"), matched case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Paper

GENERIC_ACRONYMS = frozenset(
    """
    AI ML DL RL NLP CV LLM LLMs LM LMs MLLM MLLMs VLM VLMs GPU GPUs TPU TPUs CPU CPUs CNN CNNs RNN RNNs DNN
    DNNs MLP MLPs GAN GANs VAE VAEs NN NNs KV MoE MoEs ViT ViTs SOTA API FLOP FLOPs QA VQA ASR OCR IoT SGD PTQ
    QAT SSM SSMs LoRA RAG CoT SFT RLHF DPO PPO NTK GNN GNNs MSE PSNR SSIM FID BLEU MAE IID OOD HPC AR
    """.split()  # noqa: SIM905
)
GENERIC_QUALIFIER = re.compile(
    r"\s+(?:of|in|for|with|on)\s+(?:the\s+)?(?:large\s+)?(?:pre-?trained\s+)?(?:vision\s+|neural\s+)?"
    r"(?:language\s+models?|LLMs|transformers?|deep\s+(?:neural\s+)?networks?|neural\s+networks?|models?)$",
    re.IGNORECASE,
)
COINED = re.compile(r"\b((?:curse|blessing|paradox|law|lottery)\s+of\s+(?:the\s+)?[\w\-]+(?:\s+[A-Z][\w\-]*)?)", re.I)
INTRO_CUE = re.compile(
    r"\b(?:we|this paper|this work|here)\b[^.;]{0,80}?\b(?:propose|introduce|present|develop|design|call|term|dub|"
    r"name|coin|define|build|release|construct|create)|\bour (?:main |key )?contribution is\b",
    re.IGNORECASE,
)
PARENTHESISED = re.compile(r"[(（]\s*([A-Za-z][A-Za-z0-9\-]{1,14}?)s?\s*[)）]")
LEADING_WORD = re.compile(
    r"^(?:on|towards?|beyond|rethinking|revisiting|understanding|when|why|how|what|are|is|do)\b", re.I
)
NAME_LIKE = re.compile(r"^(?:\S*[A-Z]\S*[A-Z0-9+]\S*|[A-Z][a-z]+[a-z0-9+]*)$")


@dataclass(frozen=True, slots=True)
class Artifact:
    paper_id: str
    text: str
    kind: str  # "name", "acronym" or "title-phrase"
    long_form: str | None = None

    @property
    def case_sensitive(self) -> bool:
        return self.kind != "title-phrase"

    @property
    def plain_word(self) -> bool:
        """A single capitalised word ("Mamba", "Sonnet"): ordinary words of this shape need more proof."""
        return bool(re.fullmatch(r"[A-Z][a-z]+", self.text))


def introduced_artifacts(paper: Paper) -> list[Artifact]:
    found: dict[str, Artifact] = {}
    for artifact in [*_title_name(paper), *_acronyms(paper), *_title_phrases(paper)]:
        found.setdefault(artifact.text.lower(), artifact)
    return list(found.values())


TITLE_RESOURCE = re.compile(
    r"\bthe ([A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*) (?:dataset|benchmark|corpus|suite)\b", re.I
)
STUDIED_PHENOMENON = re.compile(r"^On the ([A-Z][a-z]+ [A-Z][a-z]+) of\b")
SHAPE_TERM = re.compile(r"\b([A-Z]-(?:shaped|curve|shape))\b", re.IGNORECASE)
TITLE_COMPOUND = re.compile(r"\b([A-Z][a-z]+-[A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Z][a-z]+){1,2})\b")


def _title_name(paper: Paper) -> list[Artifact]:
    resources = [Artifact(paper.id, m.group(1), "name") for m in TITLE_RESOURCE.finditer(paper.title)]
    if ":" not in paper.title:
        return resources
    head = paper.title.split(":", 1)[0].strip()
    words = head.split()
    if len(words) == 1 and NAME_LIKE.match(head) and len(head) >= 3 and head not in GENERIC_ACRONYMS:
        return [*resources, Artifact(paper.id, head, "name")]
    if 2 <= len(words) <= 3 and all(word[0].isupper() for word in words) and not LEADING_WORD.match(head):
        return [*resources, Artifact(paper.id, head, "name")]
    return resources


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines as `Long Form (LF)`, with their long forms, where the initials agree."""
    defined = {}
    for match in PARENTHESISED.finditer(text):
        acronym = match.group(1)
        if sum(ch.isupper() for ch in acronym) < 2:
            continue
        long_form = _long_form(" ".join(text[: match.start()].split()[-8:]), acronym)
        if long_form:
            defined[acronym] = long_form
    return defined


def _long_form(words_before: str, acronym: str) -> str | None:
    words = [word.strip("\"“”'") for word in re.split(r"[ ~\-]+", words_before.strip())]
    letters = [ch.lower() for ch in acronym if ch.isupper()]
    for size in range(len(letters) - 1, len(letters) + 3):
        if size > len(words) or size == 0:
            continue
        tail = words[-size:]
        initials = [letter for word in tail if word and word[0].isalpha() for letter in _word_letters(word)]
        if initials and initials[0] == letters[0] and _initials_cover(initials, letters):
            return " ".join(tail)
    return None


def _word_letters(word: str) -> list[str]:
    """A word's initial and its inner capitals: "AutoRegressive" gives a, r."""
    return [word[0].lower()] + [ch.lower() for ch in word[1:] if ch.isupper()]


def _initials_cover(initials: list[str], letters: list[str]) -> bool:
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def introduced_acronyms(text: str) -> dict[str, str]:
    """Acronyms `text` introduces itself ("we propose X (Y)"), with their long forms."""
    found: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if INTRO_CUE.search(sentence):
            found.update(defined_acronyms(sentence))
    return found


def _acronyms(paper: Paper) -> list[Artifact]:
    artifacts = []
    for sentence in re.split(r"(?<=[.!?])\s+", paper.abstract):
        if not INTRO_CUE.search(sentence):
            continue
        for acronym, long_form in defined_acronyms(sentence).items():
            if acronym not in GENERIC_ACRONYMS and len(acronym) >= 2:
                artifacts.append(Artifact(paper.id, acronym, "acronym", long_form))
    return artifacts


def _title_phrases(paper: Paper) -> list[Artifact]:
    head = paper.title.split(":", 1)[0].strip()
    phrases = [match.group(1) for match in COINED.finditer(paper.title)]
    subtitle = paper.title.split(":", 1)[1] if ":" in paper.title else ""
    phrases += [match.group(1) for match in TITLE_COMPOUND.finditer(subtitle)]
    phrases += [
        match.group(1) for pattern in (STUDIED_PHENOMENON, SHAPE_TERM) for match in pattern.finditer(paper.title)
    ]
    if ":" not in paper.title and not LEADING_WORD.match(head):
        stripped = GENERIC_QUALIFIER.sub("", head)
        words = stripped.split()
        if 2 <= len(words) <= 3 and not re.search(r"\b(?:is|are|can|do|does|yields?|encodes?)\b", stripped, re.I):
            phrases.append(stripped)
            if len(words) == 3 and re.search(r"(?:learning|networks?|modeling)$", stripped, re.I):
                phrases.append(" ".join(words[:2]))
    text = paper.abstract.lower()
    return [Artifact(paper.id, phrase, "title-phrase") for phrase in phrases if _stem(phrase) in text]


def _stem(phrase: str) -> str:
    """The phrase with its last word cut to a stem, so plural and singular forms both match."""
    words = phrase.lower().split()
    last = words[-1]
    words[-1] = last[: max(len(last) - 3, 4)] if len(last) > 5 else last.rstrip("s")
    return " ".join(words)
