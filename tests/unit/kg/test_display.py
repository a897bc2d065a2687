"""The display form of stored text: LaTeX rendered for readers, on sentences of the sample corpus."""

from __future__ import annotations

import pytest

from kg.display import display_form

CASES = [  # sentences (or their openings) of data/corpus, and what a reader should see
    (
        r"our empirical findings demonstrate an {\em opposite trend} -- ReLU significantly outperforms GELU",
        "our empirical findings demonstrate an opposite trend -- ReLU significantly outperforms GELU",
    ),
    (
        r"Our method, \textbf{Varco Arena}, provides reference-free benchmarking of LLMs in tournament style.",
        "Our method, Varco Arena, provides reference-free benchmarking of LLMs in tournament style.",
    ),
    (
        r"experiments utilizing an apparently na\"{\i}ve ensembling technique",
        "experiments utilizing an apparently naïve ensembling technique",
    ),
    (
        r"{Further experiments demonstrate that {\it model size}, {\it training time}, and {\it label noise}",
        "Further experiments demonstrate that model size, training time, and label noise",
    ),
    (
        r"leading to an {\bf 8.",  # a sentence split inside a group keeps an unmatched brace
        "leading to an 8.",
    ),
    (r"with a decay {\lambda} and $\lambda=0.1$", "with a decay λ and λ=0.1"),
    (r"in $O(n^{2})$ time, learning rate $10^{-3}$, weights $w_{i}$", "in O(n²) time, learning rate 10⁻³, weights w_i"),
    (
        r"we release the code\footnote{\url{https://x.org}} at \href{https://x.org}{this page}",
        "we release the code at this page",
    ),
]


@pytest.mark.parametrize(("stored", "shown"), CASES)
def test_latex_is_rendered_for_readers(stored: str, shown: str) -> None:
    assert display_form(stored) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Wider networks outperform deeper ones on ImageNet (+1.2%).",
        r"an unknown macro \ours{} stays as written",
        "it costs $5 and $10 per hour",
        "<script>alert(1)</script> stays text",
    ],
)
def test_text_without_known_markup_is_left_as_it_is(text: str) -> None:
    assert display_form(text) == text
