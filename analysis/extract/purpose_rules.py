"""The rules of analysis.extract.purpose, compiled once from lexicons/frames.yml: each
lexicon entry as a whole-word, case-insensitive pattern, plus the few patterns built from
several entries (a US subject before a verb, the troops before what they do)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.store.vocabulary import FRAMES
from analysis.text.lexicon import load_lexicon
from analysis.text.regex import gated, trie

_AUX = (
    r"(?:['’](?:re|ll|d|ve|s)|\s+(?:would|will|had|has|have|is|are|was|were|did|do|does|must|should|can|could|may|"
    r"might|shall|not|only|still|also|never|then|now|already|going to|plans? to|intends? to|wants? to))*"
)
_ROLE_AUX = _AUX.replace("shall|", "shall|been|being|continue to|continues to|continued to|")  # "have been guarding"
# where the troops are, between them and what they do: "US forces at al-Tanf watch over"
_ROLE_PLACE = r"(?:\s+(?:in|at|inside|near|across|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?"


def _words(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


def _any(patterns) -> re.Pattern:
    items = [patterns] if isinstance(patterns, str) else list(patterns)
    return gated("|".join(f"(?:{_words(p)})" for p in items), re.I, limit=2) if items else re.compile(r"(?!)")


@dataclass(frozen=True)
class Rules:
    limits: dict
    troop: re.Pattern
    pronoun: re.Pattern  # "they", "them", "its": the presence only when they stand for US troops
    actor: re.Pattern  # an antecedent: groups troop, people, us (the US itself), other
    last_punct: re.Pattern
    not_us: re.Pattern
    us_subject: re.Pattern
    presence_verb: re.Pattern
    standalone: re.Pattern
    mission: re.Pattern
    described: re.Pattern  # "described the troops as ...": the presence as an object
    reinforcement: re.Pattern
    origin: re.Pattern  # "first sent special forces into Syria": the presence's origin
    reinforcement_word: re.Pattern  # "additional", "extra": near an origin, a reinforcement
    us_mark: re.Pattern
    role: re.Pattern  # what the troops do there ("help the SDF guard ..."): its own link
    role_subject: re.Pattern  # the troops or the presence right before a role verb
    blocker: re.Pattern
    engagement: re.Pattern  # "helped shoot down drones": a purpose that is one engagement
    foreign_clause: re.Pattern  # "Syrian Kurds who ...": a clause of somebody else's (not a partner's fight)
    link: re.Pattern
    denial: re.Pattern  # "less", "not", "rather than" right before a link: the purpose denied
    announcing: re.Pattern
    reverse: re.Pattern  # "ISIS remains the focus of US troops": the reason before these words
    context: re.Pattern
    citing: re.Pattern
    questions: re.Pattern  # "asked why the troops remain": talk of reasons that states none
    counterfactual: re.Pattern  # "without US troops ...": what would follow is the reason
    modal: re.Pattern
    place_in: re.Pattern
    place_out: re.Pattern
    about: tuple  # (frame, pattern) for everything a purpose may be about
    keywords: re.Pattern  # on lowercased text: a sentence without one states no reason
    names: tuple  # (frame, pattern) for names that state a purpose on their own
    statements: tuple  # (frame, pattern) for verb phrases with the US as subject


@lru_cache(maxsize=1)
def rules() -> Rules:
    lex = load_lexicon("frames")
    unknown = set(lex["frames"]) - set(FRAMES)
    if unknown:
        raise ValueError(f"lexicons/frames.yml: frames not in the table's list: {sorted(unknown)}")
    per_frame = {key: tuple((f, _any(v[key])) for f, v in lex["frames"].items() if v.get(key)) for key in ("names",)}
    about = tuple((f, _any(list(v.get("about") or []) + list(v.get("names") or []))) for f, v in lex["frames"].items())
    statements = tuple((f, _any(v["statements"])) for f, v in lex["frames"].items() if v.get("statements"))
    return Rules(
        limits={k: int(v) for k, v in lex["limits"].items()},
        troop=_any(lex["troops"]),
        pronoun=_any(lex["pronouns"]),
        actor=re.compile(
            rf"{_words(lex['troops'])}(?P<troop>)|{_words(lex['persons'])}(?P<person>)|{_words(lex['people'])}(?P<people>)"
            rf"|{_words(lex['us_actors'])}(?P<us>)|{_words(lex['not_us'] + '|' + lex['other_actors'])}",
            re.I,
        ),
        last_punct=re.compile(r"[,;:.!?()]"),
        not_us=_any(lex["not_us"]),
        # "accuses Washington of keeping troops"
        us_subject=re.compile(
            rf"(?<![\w-])(?:(?P<pronoun>{lex['pronouns']})|{lex['us_subjects']}){_AUX}(?:\s+of)?\s*[“\"‘']?\s*$", re.I
        ),
        presence_verb=_any(lex["presence_verbs"]),
        standalone=_any(lex["standalone_anchors"]),
        mission=_any(lex["missions"]),
        described=_any(lex["described"]),
        reinforcement=_any(lex["reinforcement_verbs"]),
        origin=_any(lex["origins"]),
        reinforcement_word=_any(lex["reinforcement_words"]),
        us_mark=_any(lex["us_marks"]),
        role=_any(lex["role_verbs"]),
        role_subject=re.compile(
            rf"{_words(lex['troops'] + '|' + lex['role_subjects'])}{_ROLE_PLACE}{_ROLE_AUX}\s*$", re.I
        ),
        blocker=_any(lex["blockers"]),
        engagement=_any(lex["engagements"]),
        foreign_clause=re.compile(
            rf"{_words(lex['not_us'])}(?:\s+[\w-]+)?,?\s+(?:who|which|whom|that)\b"
            rf"(?!\s+(?:{'|'.join(lex['partner_clauses'])})(?![\w-]))",
            re.I,
        ),
        link=_any(lex["links"]),
        denial=re.compile(
            rf"{_words(lex['denials'])}\s+(?:(?:{lex['denied_presence']})\s+)?(?:so much\s+|mainly\s+|only\s+)?$", re.I
        ),
        announcing=_any(lex["announcing_links"]),
        reverse=_any(lex["reverse_links"]),
        context=_any(lex["context"]),
        citing=re.compile(rf"{_words(lex['citing_verbs'])}\s+(?:(?:an?|the|its|their|our)\s+)?$", re.I),
        questions=_any(lex["questions"]),
        counterfactual=_any(lex["counterfactuals"]),
        modal=_any(lex["modals"]),
        place_in=_any(lex["places_in"]),
        place_out=_any(lex["places_out"]),
        about=about,
        keywords=re.compile(trie(sorted(set(lex["keywords"])))),
        names=per_frame["names"],
        statements=statements,
    )
