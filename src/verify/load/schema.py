"""The claims language as data: every field, its type and what it is for.

One table serves the loader (which checks a file against it and suggests the field a person
meant) and `verify schema` (which prints it as JSON Schema for editors).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from verify.ruleids import IDS as RULE_IDS
from verify.values.numbers import PRECISIONS, ROUNDINGS


class Field(NamedTuple):
    """One field of a record, or one role of a relation: declared here once, read by the
    loader, `verify schema`, the units check and the quantity model."""

    type: str
    required: bool
    help: str
    compared: bool = False     # a relation role whose figures are compared in one unit
    accepts: frozenset[str] = frozenset()   # a role naming claims: the kinds of claim it takes


# The kinds of claim (a claim may be of two: a list with a count), and how a message names
# each: a quantity has a numeric value; a date, weekday or time claim has a value in that
# unit; a list claim has `items:`.
CLAIM_KINDS = {"quantity": "a quantity", "date": "a date", "weekday": "a weekday",
               "time": "a time", "list": "a list"}
# What a role needs, as a message says it.
NEEDS = {"quantity": "a quantity (a claim with a numeric value)",
         "list": "a list claim (a claim with items:)"}
QUANTITY, LIST = frozenset({"quantity"}), frozenset({"list"})
DATED = frozenset({"date", "weekday"})      # a claim with a date: the ends of an elapsed time

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

# a field declared by (type, required, help), or as a Field
Spec = tuple[str, bool, str] | Field
Table = Mapping[str, Spec]
# JSON Schema as written out: JSON data
JsonObject = dict[str, Any]

# field -> (type, required, help).  Types: text, id, ids, texts, bool, int, date, scope,
# waivers, enum:a|b, among, claims (an id or a list of ids), figure (an id or {measure, scope}).
WAIVER: Table = {
    # a rule of the registry; input problems are fixed, never waived
    "rule": ("enum:" + "|".join(r for r in RULE_IDS if r != "input"), True,
             "the rule whose finding is waived, e.g. same"),
    "reason": ("text", True, "why the editor accepts it; required"),
    "claims": ("ids", False, "only findings about these claims (file-level waivers)"),
}
SOURCE: Table = {
    "id": ("id", True, "how claims name this source, e.g. article"),
    "file": ("text", True, "the source text, relative to the claims file"),
    "title": ("text", False, "headline or title"),
    "published": ("day", False, "publication date, YYYY-MM-DD (one day)"),
    "kind": ("enum:article|press release|wire|report|other", False, "what the document is"),
    "rounding": ("enum:" + "|".join(ROUNDINGS), False, "how this source cuts its figures to "
                 "their last digit (default: rounding: in checks/): half-up, half-even, "
                 "truncate (95.49897 printed 95.49), either"),
    "corrects": ("id", False, "the source whose figures this one corrects (a correction note, "
                 "or a corrected version of the article): its figures replace theirs"),
    "note": ("text", False, "free text for people"),
}
CLAIM: Table = {
    "id": ("id", True, "a short name, unique in the file"),
    "source": ("id", False, "the source quoted; may be left out when there is one source"),
    "quote": ("text", True, "the source's exact words containing the figure"),
    "occurrence": ("int", False, "which occurrence of the quote (1 = first) when it occurs more than once"),
    "measure": ("text", False, "what is counted or measured, e.g. arrested"),
    "scope": ("scope", False, "where/when/who it applies to, e.g. {place: Missouri}"),
    "value": ("text", False, "the figure as written: 102, 1.2 million, 47%, two, Friday, 2021-08-27"),
    "unit": ("text", False, "people, USD, km, percent, states, date, weekday ..."),
    "precision": ("enum:" + "|".join(PRECISIONS), False,
                  "how precise the wording is; by default read from the value"),
    "rounding": ("enum:" + "|".join(ROUNDINGS), False, "how this figure was cut to its last "
                 "digit, when not as its source's (half-up, half-even, truncate, either)"),
    "rounded-to": ("text", False, "for a rounded figure: the place it was rounded to, e.g. "
                   "hundreds, thousands, 0.1 (default: its last non-zero digit)"),
    "integer": ("bool", False, "whole numbers only; default: true for people and counted things"),
    "items": ("texts", False, "for a list: the names the quote lists"),
    "date": ("date", False, "the date (or start/end) the words refer to"),
    "direction": ("enum:rise|fall", False, "for a change: which way it went, when the words next "
                  "to its figure do not say (a 15% change)"),
    "earlier": ("bool", False, "true: the quote gives what an earlier version said (an earlier "
                "version said nearly 250%), in a source that corrects another; it is compared "
                "with that version's figure and used for nothing else"),
    "waive": ("waivers", False, "findings about this claim an editor has accepted"),
    "note": ("text", False, "free text for people"),
}
RELATION_COMMON: Table = {
    "id": ("id", False, "a name for the relation (default: rel-N)"),
    "quote": ("text", False, "the words that assert the relation, e.g. Kentucky had the most arrests"),
    "source": ("id", False, "the source of the quote"),
    "waive": ("waivers", False, "findings about this relation an editor has accepted"),
    "note": ("text", False, "free text for people"),
}
# relation kind -> its roles.  `compared=True`: the role's figures are compared in one unit
# (a share or a change is stated in percent or as a multiple, so its own claim is not).
# `accepts`: the kinds of claim (CLAIM_KINDS) a role that names claims takes; the loader
# refuses any other at the role, so no rule meets a claim it cannot judge.
RELATIONS: dict[str, dict[str, Field]] = {
    "same": {"same": Field("ids", True, "claims that state the same quantity", compared=True,
                           accepts=QUANTITY)},
    "sum": {"sum": Field("id", True, "the total", compared=True, accepts=QUANTITY),
            "parts": Field("ids", True, "the parts", compared=True, accepts=QUANTITY),
            "complete": Field("bool", False, "true: total = parts (default); false: total >= parts")},
    "subset": {"subset": Field("id", True, "the part", compared=True, accepts=QUANTITY),
               "of": Field("id", True, "the whole", compared=True, accepts=QUANTITY)},
    "count": {"count": Field("id", True, "a claim stating how many", accepts=QUANTITY),
              "items": Field("texts", False, "item names and/or ids of list claims whose items count",
                             accepts=LIST),
              "breakdown": Field("text", False, "a breakdown whole: the count is its number of "
                                 "parts (its size, else the parts listed)")},
    "share": {"share": Field("id", True, "a claim stating the share (47%, nearly half)",
                             accepts=QUANTITY),
              "part": Field("id", True, "the part", compared=True, accepts=QUANTITY),
              "whole": Field("claims", True, "the whole: a claim, or a list of claims whose "
                             "figures add up to it (the votes for and against)", compared=True,
                             accepts=QUANTITY),
              "minus": Field("claims", False, "claims whose figures are taken from the whole "
                             "(all ballots minus the spoiled ones)", compared=True,
                             accepts=QUANTITY)},
    "average": {"average": Field("id", True, "a claim stating the average (430 pupils, or 430 "
                                 "pupils per school)", accepts=QUANTITY),
                "total": Field("id", True, "the total divided", accepts=QUANTITY),
                "over": Field("id", True, "how many it is divided among (12 schools)",
                              accepts=QUANTITY)},
    "rate": {"rate": Field("id", True, "a claim stating the rate (18, of 18 per 100,000 "
                           "residents)", accepts=QUANTITY),
             "of": Field("claims", True, "what is counted: a claim, or a list of claims whose "
                         "figures add up to it", accepts=QUANTITY),
             "population": Field("id", True, "the population the rate is per", accepts=QUANTITY),
             "per": Field("per", False, "how many of the population the rate is per (100,000); "
                          "default 1")},
    "frequency": {"frequency": Field("id", True, "a claim stating the time between events "
                                     "(every seven minutes) or the events per time (205 a day)",
                                     accepts=QUANTITY),
                  "of": Field("claims", True, "the events counted in the period: a claim, or a "
                              "list of claims whose figures add up to them", accepts=QUANTITY),
                  "period": Field("duration", True, "the period's length: 1 year, 365 days, 24 "
                                  "hours (a year is 365 days)")},
    "mean": {"mean": Field("id", True, "the overall figure", compared=True, accepts=QUANTITY),
             "of": Field("ids", True, "the figures of the groups it is made of", compared=True,
                         accepts=QUANTITY)},
    "change": {"change": Field("id", True, "a claim stating the change (up 15%, doubled, 3 more)",
                               accepts=QUANTITY),
               "from": Field("figure", True, "the earlier figure: a claim, or {measure, scope} "
                             "for a figure the article prints nowhere (an unknown of the model)",
                             compared=True, accepts=QUANTITY),
               "to": Field("id", True, "the later figure", compared=True, accepts=QUANTITY),
               "as": Field("enum:percent|multiple|difference", False,
                           "how the change is stated; default from the claim's unit")},
    "rank": {"rank": Field("enum:most|least|more|fewer", True, "the comparison the words make"),
             "claim": Field("id", True, "the claim said to be most/least/more/fewer", compared=True,
                            accepts=QUANTITY),
             "among": Field("among", False, "for most/least: a breakdown whole (all states) or "
                            "claim ids", compared=True, accepts=QUANTITY),
             "than": Field("id", False, "for more/fewer: the claim compared with", compared=True,
                           accepts=QUANTITY)},
    "elapsed": {"elapsed": Field("text", True, "a claim stating the time elapsed in days, weeks, "
                                 "months or years (80th anniversary, aged 47), or the duration "
                                 "the words mean without a figure: 1 day (the day after)"),
                "from": Field("id", True, "the dated claim it runs from", accepts=DATED),
                "to": Field("id", False, "the dated claim it runs to (default: publication)",
                            accepts=DATED),
                "as": Field("enum:full|calendar", False, "full: whole units completed (an age; "
                            "default); calendar: calendar years or months (an anniversary)")},
}


def compared_roles(kind: str) -> tuple[str, ...]:
    """The roles of a relation kind whose figures must share a unit."""
    return tuple(role for role, spec in RELATIONS.get(kind, {}).items() if spec.compared)


BREAKDOWN: Table = {
    "dimension": ("text", True, "the scope dimension, e.g. place"),
    "whole": ("text", True, "the scope value that is made of the parts, e.g. all states"),
    "parts": ("texts", True, "the scope values it is made of"),
    "size": ("int", False, "how many parts the whole has in all, when the article names only "
             "some (the others are unknowns, bounded by the relations)"),
    "total": ("text", False, "the whole's value when the article does not print it, exactly: "
              "100% for the answers of one question (default: a figure of the whole, if any)"),
    "combine": ("enum:sum|average", False, "how the parts' shares or rates make the whole's: "
                "`sum` (the answers of one question, a vote between candidates) or `average` "
                "(subgroups: the whole lies between its parts); counts and amounts always add, "
                "and a share or rate broken down without `total:` must say which"),
}
UNCHECKED: Table = {
    "text": ("text", True, "the words of the source left without a claim"),
    "reason": ("text", True, "why they need no check"),
    "source": ("id", False, "the source (default: every source, so the order of sources "
               "never matters)"),
    "occurrence": ("int", False, "which occurrence, when the words occur more than once"),
}
FILE: Table = {
    "version": ("enum:1", False, "claims language version"),
    "sources": ("list:source", True, "the documents quoted"),
    "breakdowns": ("list:breakdown", False, "scope values made of parts"),
    "claims": ("list:claim", True, "the figures"),
    "relations": ("list:relation", False, "assertions between claims"),
    "unchecked": ("list:unchecked", False, "figures deliberately left unchecked"),
    "waivers": ("waivers", False, "accepted findings, by rule and claims"),
}
RECORDS = {"source": SOURCE, "claim": CLAIM, "breakdown": BREAKDOWN, "unchecked": UNCHECKED}


def json_schema() -> JsonObject:
    """The claims language as JSON Schema (draft 2020-12), for editors' completion."""
    defs = {name: _object(fields) for name, fields in RECORDS.items()}
    defs["waiver"] = _object(WAIVER)
    defs["relation"] = {"oneOf": [_object({**fields, **RELATION_COMMON})
                                  for fields in RELATIONS.values()]}
    schema = _object(FILE)
    schema.update({"$schema": "https://json-schema.org/draft/2020-12/schema",
                   "$id": "https://verify.invalid/claims.schema.json",
                   "title": "verify claims file", "$defs": defs})
    return schema


def _object(fields: Table) -> JsonObject:
    return {"type": "object", "additionalProperties": False,
            "required": sorted(k for k, spec in fields.items() if spec[1]),
            "properties": {k: {**_type(spec[0]), "description": spec[2]} for k, spec in fields.items()}}


def _type(kind: str) -> JsonObject:
    scalar: JsonObject = {"type": ["string", "number"]}
    if kind.startswith("enum:"):
        return {"enum": kind[5:].split("|") + ([1] if kind == "enum:1" else [])}
    if kind.startswith("list:"):
        return {"type": "array", "items": {"$ref": f"#/$defs/{kind[5:]}"}}
    return {
        "text": scalar, "id": {"type": ["string", "number"]},
        "ids": {"type": "array", "items": scalar}, "texts": {"type": "array", "items": scalar},
        "bool": {"type": "boolean"}, "int": {"type": "integer", "minimum": 1},
        "per": {"type": ["string", "integer"], "pattern": r"^[1-9]\d{0,2}(,?\d{3}){0,4}$"},
        "duration": {"type": "string"},
        "date": {"type": "string", "pattern": DATE_PATTERN},
        "day": {"type": "string", "pattern": DAY_PATTERN},
        "scope": {"type": "object", "additionalProperties": scalar},
        "waivers": {"type": "array", "items": {"$ref": "#/$defs/waiver"}},
        "among": {"oneOf": [scalar, {"type": "array", "items": scalar}]},
        "claims": {"oneOf": [scalar, {"type": "array", "items": scalar}]},
        "figure": {"oneOf": [scalar, {"type": "object", "additionalProperties": False,
                                      "required": ["measure"],
                                      "properties": {"measure": scalar, "scope": {
                                          "type": "object", "additionalProperties": scalar}}}]},
    }[kind]
