"""The display form of text read from abstracts: LaTeX markup rendered as the text a reader expects.

Abstracts come from arXiv with their LaTeX: `{\\em opposite trend}`, `\\textbf{Varco Arena}`,
`$\\lambda$`, `na\\"{\\i}ve`. The stored text stays exactly as read (extraction offsets index into it);
`display_form` is applied where people read it (the report, display fields of the API). It knows the
closed vocabulary of LaTeX (style commands, Greek letters, common symbols, accents) and leaves any
command it does not know as written.
"""

from __future__ import annotations

import re
import unicodedata

_GREEK_NAMES = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega"
)
GREEK = dict(zip(_GREEK_NAMES.split(), "αβγδϵεζηθϑικλμνξπρστυϕφχψωΓΔΘΛΞΠΣΦΨΩ", strict=True))
SYMBOLS = {
    "times": "×", "cdot": "·", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠",
    "approx": "≈", "sim": "~", "infty": "∞", "pm": "±", "mp": "∓", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "in": "∈", "sum": "∑", "prod": "∏", "partial": "∂", "nabla": "∇",
    "deg": "°", "ell": "ℓ", "ldots": "…", "dots": "…", "cdots": "⋯", "propto": "∝", "ll": "≪", "gg": "≫",
    "top": "⊤", "log": "log", "exp": "exp", "max": "max", "min": "min", "LaTeX": "LaTeX", "TeX": "TeX",
    "eg": "e.g.", "ie": "i.e.", "etc": "etc.", "i": "ı", "%": "%", "&": "&", "_": "_", "#": "#", "$": "$",
    "{": "{", "}": "}", ",": " ", ";": " ", "!": "", " ": " ",
}  # fmt: skip
# Commands whose one argument is shown as it is (their styling is dropped).
STYLED = (
    "textbf|textit|emph|texttt|textsc|textsf|textrm|underline|text|mathrm|mathbf|mathit|mathsf|mathtt|"
    "mathcal|mathbb|boldsymbol|bm|operatorname|textsuperscript|textnormal|mbox|hbox|url"
)
SWITCHES = "em|it|bf|sc|tt|rm|sf|sl|bfseries|itshape|small|large|normalsize"
ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "c": "\u0327", "=": "\u0304"}
SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")

_ARG = r"\{([^{}]*)\}"
_STEPS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\\(?:href)\{[^{}]*\}" + _ARG), r"\1"),  # \href{url}{text} -> text
    (re.compile(r"\\(?:textcolor|colorbox)\{[^{}]*\}" + _ARG), r"\1"),
    (re.compile(r"\s*~?\\(?:cite[pt]?|citep?\*|ref|label|footnote)\{[^{}]*\}"), ""),
    (re.compile(r"\\color\{[^{}]*\}\s*"), ""),
    (re.compile(r"\\(?:" + STYLED + r")\s*" + _ARG), r"\1"),
    (re.compile(r"\{\\(?:" + SWITCHES + r")(?![A-Za-z])\s*([^{}]*)\}"), r"\1"),  # {\em X} -> X
    (re.compile(r"\\frac" + _ARG + _ARG), r"\1/\2"),
    (re.compile(r"\\sqrt" + _ARG), r"√\1"),
]
_ACCENT = re.compile(r"\\([\"'`^~c=])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))")
_COMMAND = re.compile(r"\\([A-Za-z]+|[%&_#${},;! ])")
_SUPERSCRIPT = re.compile(r"\^(?:\{([0-9+\-=()n]+)\}|([0-9n]))")
_SCRIPT = re.compile(r"([\^_])\{([^{}]*)\}")
_MATH = re.compile(r"\$(?!\s)([^$]{1,200}?)(?<!\s)\$")
_BRACES = re.compile(r"(\\[A-Za-z]+\s*)?\{([^{}\\]*)\}")  # not an argument of a command kept as written
_SPACES = re.compile(r"[ \t]{2,}")


def display_form(text: str) -> str:
    """`text` with its LaTeX markup rendered: `{\\em a}` -> `a`, `$\\lambda$` -> `λ`, `na\\"{\\i}ve` -> `naïve`.

    Text without a backslash, a dollar or a brace comes back unchanged.
    """
    if not any(mark in text for mark in "\\${"):
        return text
    shown = _MATH.sub(lambda match: match.group(1), text)
    for _ in range(4):  # nested markup, innermost first
        before = shown
        for pattern, replacement in _STEPS:
            shown = pattern.sub(replacement, shown)
        shown = _ACCENT.sub(_accented, shown)
        shown = _SUPERSCRIPT.sub(lambda m: (m.group(1) or m.group(2)).translate(SUPERSCRIPT), shown)
        shown = _SCRIPT.sub(r"\1\2", shown)
        shown = _BRACES.sub(_unbraced, shown)
        if shown == before:
            break
    shown = _COMMAND.sub(_symbol, shown)
    shown = _SPACES.sub(" ", _without_unmatched_braces(_BRACES.sub(_unbraced, shown)))
    return shown.strip() if text == text.strip() else shown


def _without_unmatched_braces(text: str) -> str:
    """A sentence cut out of `{\\bf 8.5 points}` keeps `{` (or `}`) without its pair: drop such braces."""
    if "{" not in text and "}" not in text:
        return text
    unmatched, opened = set(), []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                unmatched.add(index)
    unmatched.update(opened)
    return "".join(char for index, char in enumerate(text) if index not in unmatched)


def _unbraced(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1) else match.group(2)


def _accented(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(3)
    base = "ı" if letter == "\\i" else "j" if letter == "\\j" else letter
    if base.startswith("\\"):
        return match.group(0)
    return unicodedata.normalize("NFC", ("i" if base == "ı" else base) + ACCENTS[match.group(1)])


def _symbol(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _SWITCH_NAMES:
        return ""
    return GREEK.get(name) or SYMBOLS.get(name, match.group(0))


_SWITCH_NAMES = frozenset(SWITCHES.split("|"))
