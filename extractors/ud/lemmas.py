"""The extraction pipeline's lemmatizer: spaCy's English rule lemmatizer, remembering every answer.

spaCy's rule lemmatizer tests each candidate form against its word index as a list (57,528 nouns,
scanned word by word), and caches only the words it looks up in its tables: a base form (a singular
noun, an infinitive: most words of an abstract) is worked out again at every occurrence. That made
it cost about twice the tokenizer. This one gives the same lemmas from the same tables (those stored
with the trained layer, `en_ud_ewt/lemmatizer`), with the index lists answering membership from a
set, and caches every answer under the token's form, UPOS and features.
"""

from __future__ import annotations

from pathlib import Path

from spacy.lang.en import English
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Token


class WordIndex(list[str]):
    """A word list (it serialises as one) whose `in` is a set lookup."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self.members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.members


class CachingEnglishLemmatizer(EnglishLemmatizer):
    def index_as_sets(self) -> None:
        index = self.lookups.get_table("lemma_index")
        for key, words in list(index.items()):
            index[key] = WordIndex(words)

    def rule_lemmatize(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        forms = self.cache.get(key)
        if forms is None:
            forms = super().rule_lemmatize(token)
            self.cache[key] = forms
        return forms


@English.factory("kg_lemmatizer", assigns=["token.lemma"], default_config={"tables": None, "overwrite": False})
def make_lemmatizer(nlp: Language, name: str, tables: str, overwrite: bool) -> CachingEnglishLemmatizer:
    """`tables`: a trained pipeline's lemmatizer directory (its `lookups/` holds the rule tables)."""
    lookups = Path(tables) / "lookups"
    if not (lookups / "lookups.bin").is_file():
        raise FileNotFoundError(f"no lemmatizer tables at {lookups}: run `make model`")
    lemmatizer = CachingEnglishLemmatizer(nlp.vocab, None, name, mode="rule", overwrite=overwrite)
    lemmatizer.lookups.from_disk(lookups)
    lemmatizer._validate_tables()
    lemmatizer.index_as_sets()
    return lemmatizer
