"""Canonical keys: one key for every surface form of the same thing, across papers.

Rules (documented in docs/extraction.md):
- lowercase, LaTeX leftovers stripped, accents folded, every run of spaces, hyphens and
  underscores becomes one hyphen ("Mixture of Experts" and "mixture-of-experts" -> "mixture-of-experts");
- the last word's plural is folded ("GPUs" -> "gpu", "Transformers" -> "transformer");
- a size or variant suffix stays in the key and is also split out: "LLaVA-7B" -> key "llava-7b",
  family "LLaVA", size "7B"; "ViT-B/16" -> "vit-b/16", family "ViT", size "B/16";
- an abbreviation the paper defines takes its long form's key ("MoE" -> "mixture-of-experts"); the
  entities component applies that rule, this module only normalises strings.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.components.text import strip_latex

_SEPARATORS = re.compile(r"[\s\-_\u2010-\u2015]+")
_DROP = re.compile(r"[^\w\-+./']")
_SIZE = re.compile(
    r"(?:[-\s]|(?<=[a-z]))\(?("
    r"\d+(?:\.\d+)?[BMKT]"  # 7B, 1.3B, 350M
    r"|[dD]\d+"  # d30
    r"|[SBLHGT]/\d+"  # B/16, L/14
    r"|v\d+(?:\.\d+)?"  # v1.5
    r"|XXL|XL|Large|Base|Small|Tiny|Huge|Mini|Nano"
    r")\)?$"
)
_VERSION = re.compile(r"(?<=[A-Za-z]) (\d{1,2}(?:\.\d{1,2})?)$")  # "Llama 3.1", "Qwen 3"
_ACRONYM_PLURAL = re.compile(r"(?<=[A-Z]{2})s$")  # "GPUs", "LLMs" before lowercasing hides them
_NO_PLURAL = ("ss", "us", "is", "ics")


def normalize(text: str) -> str:
    """Lowercase key of a surface form, separators unified and the last word's plural folded."""
    text = _ACRONYM_PLURAL.sub("", strip_latex(text))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _DROP.sub(" ", text.lower()).strip(" .,'")
    text = _SEPARATORS.sub("-", text).strip("-")
    return fold_plural(text)


def fold_plural(key: str) -> str:
    """`transformers` -> `transformer`, `gnns` -> `gnn`; `loss`, `corpus`, `physics` unchanged."""
    head, sep, last = key.rpartition("-")
    if len(last) > 3 and last.endswith("s") and not last.endswith(_NO_PLURAL) and not last[-2].isdigit():
        last = last[:-3] + "y" if last.endswith("ies") and len(last) > 4 else last[:-1]
    elif len(last) >= 3 and last.endswith("s") and last[:-1].isupper():
        last = last[:-1]
    return f"{head}{sep}{last}"


def split_size(text: str) -> tuple[str | None, str | None]:
    """("LLaVA", "7B") for "LLaVA-7B", ("Llama", "3.1") for "Llama 3.1"; (None, None) without a suffix."""
    match = _SIZE.search(text) or _VERSION.search(text)
    if not match or match.start() == 0:
        return None, None
    family = text[: match.start()].rstrip(" -(")
    if not family or not any(ch.isalpha() for ch in family):
        return None, None
    return family, match.group(1)


def acronym_key(short: str) -> str:
    """The key of an abbreviation on its own: "GNNs" -> "gnn"."""
    if len(short) > 2 and short.endswith("s") and short[:-1].isupper():
        short = short[:-1]
    return normalize(short)
