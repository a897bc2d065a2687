"""The GraphQL examples of README.md and docs/api.md as executable documentation.

An example is a ```graphql block followed by a ```json block with its answer on the demo graph. The
answer text is what the API returns, written with these conventions (docs/api.md explains them):

- `<run>` inside a string stands for the id of the current analysis run (topic ids carry it);
- the value `"…"` stands for any value (not compared, kept as it is by a rewrite);
- a list ending with the string `"… N more"` shows its first items only: the answer has N more;
- numbers are compared to within 0.0005 and written rounded to 4 decimals.

`check` gives the differences between the text and an answer; `rewritten` gives the answer as the
text should show it (the same conventions kept); `rewrite_file` puts rewritten answers in place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANY = "…"
RUN = "<run>"
MORE = re.compile(r"^… (\d+) more$")
TOLERANCE = 0.0005
WIDTH = 110
EXAMPLE = re.compile(r"```graphql\n(?P<query>.*?)\n```\n```json\n(?P<answer>.*?)\n```", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Example:
    file: Path
    line: int
    query: str
    answer: Any
    span: tuple[int, int]  # character span of the answer text in the file

    @property
    def where(self) -> str:
        return f"{self.file.name}:{self.line}"


def examples(file: Path) -> Iterator[Example]:
    text = file.read_text(encoding="utf-8")
    for match in EXAMPLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        try:
            answer = json.loads(match["answer"])
        except json.JSONDecodeError as exc:
            raise ValueError(f"{file.name}:{line}: the answer is not JSON ({exc.msg})") from None
        yield Example(file, line, match["query"], answer, match.span("answer"))


def rewritten(shown: Any, actual: Any, run_id: str | None) -> Any:
    """`actual` as the text shows it: `shown`'s placeholders and abridged lists kept, the rest actual."""
    if shown == ANY:
        return ANY
    if isinstance(actual, dict):
        template = shown if isinstance(shown, dict) else {}
        return {key: rewritten(template.get(key), value, run_id) for key, value in actual.items()}
    if isinstance(actual, list):
        return _rewritten_list(shown if isinstance(shown, list) else [], actual, run_id)
    if isinstance(actual, float):
        return round(actual, 4)
    if isinstance(actual, str) and run_id:
        return actual.replace(run_id, RUN)
    return actual


def _rewritten_list(shown: list[Any], actual: list[Any], run_id: str | None) -> list[Any]:
    abridged = bool(shown) and isinstance(shown[-1], str) and MORE.match(shown[-1]) is not None
    count = len(shown) - 1 if abridged else len(actual)
    items = [rewritten(shown[i] if i < len(shown) else None, item, run_id) for i, item in enumerate(actual[:count])]
    if abridged and len(actual) > count:
        items.append(f"… {len(actual) - count} more")
    return items


def check(shown: Any, actual: Any, run_id: str | None) -> list[str]:
    """Where `shown` (the text's answer) and `actual` (the API's) disagree, as `path: shown != actual`."""
    return list(_differences(shown, rewritten(shown, actual, run_id), "$"))


def _differences(shown: Any, actual: Any, path: str) -> Iterator[str]:
    if isinstance(shown, dict) and isinstance(actual, dict):
        for key in sorted(shown.keys() | actual.keys()):
            yield from _differences(shown.get(key, "<missing>"), actual.get(key, "<missing>"), f"{path}.{key}")
    elif isinstance(shown, list) and isinstance(actual, list) and len(shown) == len(actual):
        for index, (one, other) in enumerate(zip(shown, actual, strict=True)):
            yield from _differences(one, other, f"{path}[{index}]")
    elif _numbers(shown, actual):
        if abs(shown - actual) > TOLERANCE:
            yield f"{path}: {shown} != {actual}"
    elif shown != actual:
        yield f"{path}: {json.dumps(shown, ensure_ascii=False)} != {json.dumps(actual, ensure_ascii=False)}"


def _numbers(*values: Any) -> bool:
    return all(isinstance(value, int | float) and not isinstance(value, bool) for value in values)


def formatted(value: Any, indent: int = 0) -> str:
    """JSON on one line when it fits in `WIDTH`, otherwise members packed into lines of at most `WIDTH`.

    A single-key object stays on its key's line; members that fit share a line, the others take their own.
    """
    flat = json.dumps(value, ensure_ascii=False)
    if indent + len(flat) <= WIDTH or not isinstance(value, dict | list) or not value:
        return flat
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        return "{" + json.dumps(key, ensure_ascii=False) + ": " + formatted(inner, indent) + "}"
    if isinstance(value, dict):
        members = [f"{json.dumps(k, ensure_ascii=False)}: {formatted(v, indent + 2)}" for k, v in value.items()]
        opening, closing = "{", "}"
    else:
        members = [formatted(item, indent + 2) for item in value]
        opening, closing = "[", "]"
    return opening + "\n" + _packed(members, " " * (indent + 2)) + closing


def _packed(members: list[str], pad: str) -> str:
    """Members joined by commas, as many single-line ones on a line as fit in `WIDTH`."""
    lines: list[str] = []
    for member in members:
        if lines and "\n" not in lines[-1] and "\n" not in member and len(lines[-1]) + len(member) + 2 <= WIDTH:
            lines[-1] += ", " + member
        else:
            lines.append(pad + member)
    return ",\n".join(lines)


def rewrite_file(file: Path, answer_of: Callable[[Example], tuple[Any, str | None]]) -> int:
    """Put every example's rewritten answer in place; the number of answers that changed."""
    text = file.read_text(encoding="utf-8")
    changed = 0
    for example in reversed(list(examples(file))):
        actual, run_id = answer_of(example)
        if not check(example.answer, actual, run_id):
            continue
        start, end = example.span
        text = text[:start] + formatted(rewritten(example.answer, actual, run_id)) + text[end:]
        changed += 1
    file.write_text(text, encoding="utf-8")
    return changed
