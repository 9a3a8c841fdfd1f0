"""The closed word classes of the mentions stage, and the patterns built from them.

The classes (pronouns, group nouns, titles, organisation and place heads, nominal places, compass
words...) are data: ``data/mention_words.tsv``. The patterns that need no data (map
coordinates, "the" before a name, a demonym's ending) sit beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fogofwar.data_files import read_tsv
from fogofwar.language.alternation import alternation
from fogofwar.language.quantities import measure_units

WORDS_FILE = "mention_words.tsv"

# A word with a demonym ending stays a nationality even where a place shares its name.
DEMONYM = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ch|ite|ites|s)$")

NAME_CONNECTORS = {"of", "for", "the", "and"}

TITLE_CONNECTORS = {"of", "for", "the"}

HONORIFICS = {"mr", "mrs", "ms", "dr", "sir"}

HONORIFIC = re.compile(r"\b(?:" + "|".join(h.capitalize() for h in sorted(HONORIFICS)) + r")\.? $")

ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar)-")

CAPITALISED = re.compile(r"[A-Z][\w.'’-]*$")


@dataclass(frozen=True)
class MentionWords:
    """The closed word classes of ``data/mention_words.tsv``, by class name."""

    classes: dict[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.classes.get(name, frozenset())


@lru_cache(maxsize=1)
def mention_words() -> MentionWords:
    """The word classes, read once per process (case kept as written)."""
    classes: dict[str, set[str]] = {}
    for row in read_tsv(WORDS_FILE):
        word, name = row[0], row[1]
        classes.setdefault(name, set()).add(word)
    return MentionWords({k: frozenset(v) for k, v in classes.items()})


@dataclass(frozen=True)
class WordPatterns:
    pronouns: re.Pattern[str]
    nominal_place: re.Pattern[str]
    titled_role: re.Pattern[str]
    role_of: re.Pattern[str]
    compass: re.Pattern[str]
    forces: re.Pattern[str]
    title: re.Pattern[str]
    system: re.Pattern[str]
    weapon_modifier: re.Pattern[str]
    unit: re.Pattern[str]
    parse_hint: re.Pattern[str]
    lower: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def word_patterns() -> WordPatterns:
    w = mention_words()
    places = w["nominal_place"] | w["nominal_place_phrase"]
    compass = alternation(w["compass"])
    return WordPatterns(
        pronouns=re.compile(
            rf"(?<![\w-])(?:(?P<person>{alternation(w['person_pronoun'])})"
            rf"|(?P<group>{alternation(w['group_pronoun'])}))(?![\w-])"
        ),
        # "the city", "the Iraqi city", "the northwest province", "the port city"
        nominal_place=re.compile(
            rf"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]n?|[Ii]ts|[Tt]heir) (?:(?:(?i:{compass})|[A-Z][\w'’-]*) )?(?i:{alternation(places)})"
            r"(?![\w-])"
        ),
        # "the Foreign Secretary", "The secretary", "the UN Special Envoy" with no name after
        titled_role=re.compile(
            rf"(?<![\w-])[Tt]he (?:[A-Z][\w.'’-]* )*(?i:{alternation(w['title_head'])})"
            r"(?![\w-])(?! [A-Z])(?! of\b)"
        ),
        # "Minister for the Middle East", "commander of U.S. Central Command": a role named by
        # what it serves, a person even with no name after it
        role_of=re.compile(
            rf"(?<![\w-])(?:(?:[Tt]he|[Ii]ts) )?(?:[A-Z][\w.'’-]* )*(?i:{alternation(w['title_head'])})"
            r" (?:for|of) (?>(?:the )?[A-Z][\w.'’-]*(?: (?:(?:of|for|and|the) (?:the )?)?[A-Z][\w.'’-]*)*)"
            r"(?![\w-])"
        ),
        compass=re.compile(rf"(?i:{compass}) $"),
        forces=re.compile(
            rf" (?:(?i:{alternation(w['group_modifier'])})\s)?"
            rf"(?i:{alternation(w['group_noun'])})(?![\w-])"
        ),
        title=re.compile(rf"(?:{alternation(w['title'])})$"),
        system=re.compile(rf" (?i:{alternation(w['weapon_tail'])})(?![\w-])"),
        # "Ground-based artillery", "vehicle-borne homemade bombs": how the weapon is carried
        weapon_modifier=re.compile(
            rf"(?<![\w-])(?:[A-Za-z]+-(?i:{alternation(w['weapon_modifier'])}) )+"
            rf"(?:(?i:{alternation(w['weapon_adjective'])}) )?$"
        ),
        # "7,000 m3/s", "84 MW", "50m": the unit of measure belongs to the figure
        unit=re.compile(rf"[ \u00a0]?(?i:{alternation(measure_units())})(?![\w/·])"),
        # what the parse-based rules read: a group noun ("groups"), "the" before a name
        # ("states_as_actors"), an honorific before a name ("Mr Alzoubi", a proper-noun run);
        # a sentence with none of them needs no parse for its mentions
        parse_hint=re.compile(
            rf"(?<![\w-])(?i:{alternation(w['group_noun'])})(?![\w-])|(?<![\w-])[Tt]he [A-Z]"
            r"|(?<![\w-])(?:Mr|Mrs|Ms|Dr|Sir)\.? [A-Z]"
        ),
        lower={
            name: frozenset(x.lower() for x in w[name])
            for name in ("region_word", "place_preposition", "hedge", "group_noun", "org_head",
                         "nominal_place", "title")
        },
    )


# A point on the map is a place: "35°01′57″N 43°38′47″E", "35.0325°N 43.6463889°E", "35.0325; 43.6463889"
_DEGREES = r"\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?[′'](?:\s?\d{1,2}(?:\.\d+)?[″\"])?)?\s?"

COORDINATES = re.compile(
    rf"(?<![\w.]){_DEGREES}[NS],?\s{_DEGREES}[EW](?!\w)"
    r"|(?<![\w.])-?\d{1,2}\.\d{3,}[;,]\s?-?\d{1,3}\.\d{3,}(?![\w.])"
)

# "the" or an article just before a name, which re3d joins to some mentions
THE = re.compile(r"(?:^|(?<=\W))(?:the|The) $")

# a place closing an organisation's name: "the Government of Iraq"
PLACE_IN_NAME = re.compile(r"(?<=\w) (?:of|on|in) (?:the )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)")

ARTICLE = re.compile(r"(?:^|(?<=\W))(?:a|an|A|An|the|The) $")

# a list of single words before a head: "attack, bomber, fighter and [remotely piloted aircraft]"
LIST_BEFORE = re.compile(r"(?:(?<=\W)|^)((?:[a-z]+, )+[a-z]+,? and )$")

# the first capitalised word of a name, after an optional "the": "[Syrian] Democratic Forces"
LEADING_WORD = re.compile(r"(?:(?:the|The) )?([A-Z][a-z]+)\b")
