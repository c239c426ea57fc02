"""Candidate finders for verify.extract.figures: precompiled patterns, one function per family.

Each finder yields candidates (start, end, kind, value, unit) and may overlap the others;
verify.extract.figures keeps the longest.  A candidate with kind None only blocks its span (an
identifier such as "COVID-19" or "Measure 4", a phone number).  What counts as a figure,
and what deliberately does not, is documented in verify.extract.figures.

Speed: each pattern is a scan of the whole text, so a finder first asks `Scan` whether its
pattern can match at all (a month name for a date, "dozen" for a dozen, a run of digits
followed by ":" for a clock time), from a few substring tests and one pass over the runs of
digits, and skips the scan when it cannot.  A gate only ever skips a pattern that has no match
(tests/test_extract.py checks each against its pattern), so the figures are the same.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from quicktions import Fraction

from verify.values.dates import MONTHS
from verify.values.numbers import CURRENCY_SYMBOLS, CURRENCY_WORDS, HEDGES, MAX_DIGITS, SCALES, word_number

# A candidate: (start, end, kind, value, unit); kind None blocks its span (identifiers).
Candidate = tuple[int, int, "str | None", "Fraction | str | None", "str | None"]

_SP = r"[ \u00a0]"
_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                 "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                 "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion"]
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
_TOKEN = "|".join(_NUMBER_WORDS)
_WORD_SEQ = re.compile(rf"\b(?:{_TOKEN})(?:(?:{_SP}+and{_SP}+|{_SP}|-)(?:{_TOKEN}))*\b", re.I)
# the same on a lower-cased ASCII text: case-blind matching and "\b" before a letter cost a
# scan several times slower than this one
_WORD_SEQ_LOWER = re.compile(rf"(?<!\w)(?:{_TOKEN})(?:(?:{_SP}+and{_SP}+|{_SP}|-)(?:{_TOKEN}))*\b")
_WORD = re.compile(r"[A-Za-z]+")

_DIGITS = re.compile(r"(?=[-\u2212\d])[-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|,\d)")  # not "1,23"
_SCALE = re.compile(rf"(?:{_SP}|-)({'|'.join(_SCALE_WORDS)})\b", re.I)
_GLUED_SCALE = re.compile(r"(bn|mn|m|k|b)\b", re.I)
_AND_HALF = re.compile(rf"{_SP}+and{_SP}+a{_SP}+half\b")
_PERCENT = re.compile(rf"{_SP}?%|{_SP}+(?:percent|per{_SP}cent|pct)\b"
                      rf"|(?P<pts>{_SP}+percentage{_SP}+points?\b)", re.I)
_CURWORD = re.compile(rf"{_SP}+(dollars?|euros?|pounds?|yen|cents?)\b", re.I)
_DEGREE = re.compile(rf"{_SP}?°(?P<scale>[FC]\b)?")
_COMPOUND = re.compile(r"[-\u2011]([A-Za-z]+(?:-[A-Za-z]+)*)")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_NOT_NOUNS = set(_NUMBER_WORDS) | {
    "for", "to", "of", "and", "or", "in", "on", "by", "a", "an", "the", "half", "third", "thirds",
    "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "percent", "odd", "plus", "ish"}
_ONE_IDIOMS = {"on", "off", "time", "sided", "way", "upmanship", "liner", "stop", "size", "another"}
_ONE_AFTER = {"of", "another", "by", "s"}
_AT_A_TIME = re.compile(r"(?:[ \u00a0]+[A-Za-z]+){0,2}[ \u00a0]+at[ \u00a0]+a[ \u00a0]+time\b")
_ONE_IDIOM = re.compile(r"-(?:" + "|".join(_ONE_IDIOMS) + r")\b", re.I)
_PREV_WORD = re.compile(r"([A-Za-z0-9]+)[ \u00a0]+$")
_NEXT_WORD = re.compile(r"(?:[ \u00a0]+|')([A-Za-z]+)")
_ONE_BEFORE = {"no", "any", "every", "each", "the", "this", "that", "which", "little", "loved"}

_MONTHS = list(MONTHS)
_MONTH_OF = {m: i + 1 for i, m in enumerate(_MONTHS)} | {
    m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"Sept": 9}
_MONTH = r"(?P<mon>" + "|".join(_MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"
_DATES = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b{_MONTH}{_SP}+{_DAY}\b(?:,?{_SP}+{_YEAR}\b)?(?![,.]?\d)"),
    re.compile(rf"\b{_DAY}{_SP}+{_MONTH}(?:,?{_SP}+{_YEAR}\b)?(?!\w)"),
    re.compile(rf"\b{_MONTH}{_SP}+{_YEAR}\b"),
    re.compile(r"(?<![\d/])(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4})\b"),
]
_WEEKDAY = re.compile(r"(?=[MTWFS])\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_CLOCK_12 = re.compile(rf"(?<![\w.:])(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?{_SP}?"
                       rf"(?P<ap>[aApP])(?:\.{_SP}?[mM]\b\.?|{_SP}?[mM]\b)")   # "10 a.m.", "7pm"
_CLOCK_24 = re.compile(r"(?<![\w.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
_NOON = re.compile(r"\b(?:noon|midnight)\b", re.I)
_PAIR = re.compile(r"(?<![\w.,/$€£¥:\-\u2212])(?P<a>\d{1,4})(?:[-\u2013\u2011]|-to-|-for-)(?P<b>\d{1,4})"
                   r"(?![\w%°]|[-\u2013/.,:]\d)")
_NUMBER_SIGN = re.compile(r"\bNo\.[ \u00a0]?(?P<n>\d+)\b")
_SHARE = re.compile(r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten)(?P<sep>[ \u00a0-])"
                    r"(?P<d>half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
                    r"\b(?!-)", re.I)
_HALF = re.compile(r"(?<![-\w])half\b(?!-)", re.I)
_DOZENS: dict[str, int | Fraction] = {"a": 1, "half a": Fraction(1, 2)}
_DOZEN = re.compile(rf"\b(?P<n>a|half{_SP}a|two|three|four|five|six|seven|eight|nine|ten)"
                    rf"{_SP}+dozen\b", re.I)
_A_SCALE = re.compile(rf"\ba{_SP}+(?P<s>hundred|thousand|million|billion)\b(?!{_SP}+and\b)", re.I)

# re.IGNORECASE also matches three letters outside ASCII: the long s (ſ) as s, the dotted
# capital I (İ) as i and the kelvin sign (K) as k.  A word a case-blind pattern matched is
# looked up as the letters it matched as.
_CASE_ODDS = str.maketrans({"\u017f": "s", "\u0130": "I", "\u212a": "K"})


def _fold(word: str) -> str:
    """A word a case-blind pattern matched, as the lower-case ASCII letters it matched as."""
    return word.translate(_CASE_ODDS).lower()

# Each pattern whose first character is one of a few opens with a look-ahead for them (as
# _WEEKDAY does): the engine then rules a place out at its first character instead of trying
# every branch there (a phone number's scan of an archive's source 0.14 -> 0.08 ms, the
# indexes' 0.22 -> 0.04 ms; the same matches).
_BLOCKERS = [
    re.compile(r"(?=[+(\d])(?<![\d-])(?:\+?1[-. ])?(?:\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}(?!\d)"),
    re.compile(r"(?=[ABCDEFGHILMPQRSTUVW])\b(?:Measure|Proposition|Prop\.|Question|Amendment|Article|Section|Chapter|Title|Route|"
               r"Highway|Interstate|Flight|Room|Suite|Ward|District|Precinct|Station|Gate|Terminal|"
               r"Pier|Exit|Apartment|Unit|Building|Floor|Page|Rule|Game|Week|Phase|Stage|Act|Local|"
               r"Lot|Volume|Vol\.)[ \u00a0]\d[\d,]*[A-Za-z]?\b"),
    re.compile(r"(?=[N#])(?:\bNo\.[ \u00a0]?|#)\d+-\d+\b"),               # docket "No. 23-1067"
    re.compile(r"(?=[SFRND])(?:S&P|\bFortune|\bRussell|\bFTSE|\bNasdaq|\bNikkei|\bDow)[ \u00a0]\d+\b"),
]
_GLUED_BEFORE = re.compile(r"(?:[\w/:]|[A-Za-z][-\u2011]|(?:^|[^A-Za-z])\.|\d,)\Z")
_SHARE_FOLLOWS = re.compile(r"[ \u00a0]+of\b|[ \u00a0]*(?:[,.;:!?)\u201d\"]|$)", re.M)
_SYMBOLS = sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
_SYMBOL_ENDS = frozenset(symbol[-1] for symbol in _SYMBOLS)
# the word before a fraction that makes it a share ("nearly a third", "by a quarter"): the last word
# of a hedge, or a word that sizes a share without being one; not the prepositions that end some
# hedges ("served as a third baseman", "close to a third" is read by "close" alone)
_HEDGE_BEFORE = ({phrase.split()[-1] for phrase in HEDGES} - {"as", "to", "of"}
                 | {"just", "only", "most", "exactly", "barely", "fully", "by"})
_NOT_BEFORE_HALF = {"first", "second", "third", "fourth", "final", "other", "latter", "top",
                    "bottom", "back", "front", "better", "opening", "closing", "1st", "2nd"}
_FRACTION_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
                          "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}


def glued(text: str, start: int) -> bool:
    """Is a figure starting at text[start] glued to the word or code before it, so that it is
    no figure of its own ("Time4Change", "COVID-19", "I-70", "H1N1")?  Anchoring asks what
    extraction asks.  (A unit glued after it, "5km", "4th", stays a figure.)"""
    return bool(_GLUED_BEFORE.search(text, max(0, start - 2), start))


def _prev_word(text: str, start: int) -> str:
    match = _PREV_WORD.search(text, max(0, start - 30), start)
    return match.group(1).lower() if match else ""


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match.group(1).lower() if match else ""


_RUN = re.compile(r"\d\d*")        # (not \d+: opening with one digit, the engine skips to the next)
_MONTH_PREFIXES = tuple(m[:3] for m in _MONTHS)     # in every month _MONTH reads, as written
_CLOCK_AFTER = re.compile(r"[ \u00a0]?[aApP](?:\.[ \u00a0]?|[ \u00a0]?)[mM]")  # what _CLOCK_12 reads
_SPACES = frozenset(" \u00a0")


class Scan:
    """A text as the finders read it, with what their gates ask of it, computed once: its
    lower case when that reads as the case-blind patterns do (an ASCII text), and the
    characters around its runs of digits (a pattern needing a digit followed by ":" cannot
    match a text with no such run).  `gated=False` opens every gate: each pattern runs over
    the whole text, case-blind ones too, as extraction ran before it had gates (the tests hold
    the gates to it)."""

    def __init__(self, text: str, gated: bool = True) -> None:
        self.text = text
        self.gated = gated
        # lower() maps ASCII letters to exactly what re.IGNORECASE matches; beyond ASCII it
        # need not ("İ" lowers to two characters, "ſ" matches "s"), so no lower case is kept
        self.lowered = text.lower() if text.isascii() else None
        self.digits = False             # any run of digits at all
        self.after: set[str] = set()    # the character after each run of digits
        self.clock = False              # a run followed by "am" or "pm" (" a.m.", "PM")
        self.phone_tail = False         # a run of exactly four digits after "-" or "."
        self.spaced = False             # a run right after a space
        for m in _RUN.finditer(text):
            start, end = m.span()
            self.digits = True
            if end < len(text):
                self.after.add(text[end])
                self.clock = self.clock or _CLOCK_AFTER.match(text, end) is not None
            before = text[start - 1] if start else ""
            self.spaced = self.spaced or before in _SPACES
            self.phone_tail = self.phone_tail or (end - start == 4 and before in ("-", "."))
        if not gated:
            self.lowered = None
            self.digits = self.clock = self.phone_tail = self.spaced = True

    def has(self, *words: str) -> bool:
        """May a case-blind pattern that needs one of `words` (lower case) match?"""
        return self.lowered is None or any(word in self.lowered for word in words)

    def contains(self, *literals: str) -> bool:
        """Does the text hold one of `literals`, as written?"""
        return not self.gated or any(literal in self.text for literal in literals)

    def followed(self, *chars: str) -> bool:
        """Is some run of digits followed by one of `chars`?"""
        return not self.gated or any(ch in self.after for ch in chars)


def _blockers(scan: Scan) -> Iterator[Candidate]:
    text = scan.text
    gates = (scan.phone_tail, scan.spaced,
             scan.contains("No.", "#") and scan.followed("-"),
             scan.contains("S&P", "Fortune", "Russell", "FTSE", "Nasdaq", "Nikkei", "Dow"))
    for pattern, gate in zip(_BLOCKERS, gates, strict=True):
        if gate:
            for m in pattern.finditer(text):
                yield m.start(), m.end(), None, None, None


def _date_gates(scan: Scan) -> tuple[bool, ...]:
    """Which of _DATES may match: a month's name for three of them, "2021-" or "8/" for two."""
    month = scan.contains(*_MONTH_PREFIXES)
    return scan.followed("-"), month, month, month, scan.followed("/")


def _dates(scan: Scan) -> Iterator[Candidate]:
    for pattern, gate in zip(_DATES, _date_gates(scan), strict=True):
        if not gate:
            continue
        for m in pattern.finditer(scan.text):
            parts = m.groupdict()
            mon = parts["mon"]
            month = int(mon) if mon.isdigit() else _MONTH_OF[mon.rstrip(".")]
            year, day = parts.get("year"), parts.get("day")
            value = f"{year}-{month:02d}" if day is None else f"{year or '-'}-{month:02d}-{int(day):02d}"
            yield m.start(), m.end(), "date", value, "date"


def _weekdays(scan: Scan) -> Iterator[Candidate]:
    if not scan.contains("day"):
        return
    for m in _WEEKDAY.finditer(scan.text):
        yield m.start(), m.end(), "weekday", m.group(), "weekday"


def _times(scan: Scan) -> Iterator[Candidate]:
    if scan.clock:
        for m in _CLOCK_12.finditer(scan.text):
            hour = int(m.group("h")) % 12 + (12 if m.group("ap") in "pP" else 0)
            yield m.start(), m.end(), "time", f"{hour:02d}:{m.group('m') or '00'}", "time"
    if scan.followed(":"):
        for m in _CLOCK_24.finditer(scan.text):
            yield m.start(), m.end(), "time", f"{int(m.group('h')):02d}:{m.group('m')}", "time"
    if scan.has("noon", "midnight"):
        for m in _NOON.finditer(scan.text):
            yield m.start(), m.end(), "time", "12:00" if m.group().lower() == "noon" else "00:00", "time"


def _pairs(scan: Scan) -> Iterator[Candidate]:
    if scan.followed("-", "\u2013", "\u2011"):
        for m in _PAIR.finditer(scan.text):
            yield m.start(), m.end(), "pair", f"{m.group('a')}-{m.group('b')}", None
    if scan.contains("No."):
        for m in _NUMBER_SIGN.finditer(scan.text):
            yield m.start(), m.end(), "ordinal", m.group("n"), None


def _digit_figures(scan: Scan) -> Iterator[Candidate]:
    text = scan.text
    if not scan.digits:
        return
    for m in _DIGITS.finditer(text):
        start, end = m.span()
        written = m.group().replace("\u2212", "-")
        if written.startswith("-") and start > 0 and text[start - 1] not in " \u00a0\t\n([":
            start, written = start + 1, written[1:]      # "26-27": a hyphen, not a minus sign
        if glued(text, start):
            continue            # glued to a word or code: "H1N1", "COVID-19", "I-70", "24/7", ".5"
        if text.startswith("/", end) and text[end + 1:end + 2].isdigit():
            continue            # "3/4", a date like "8/27"
        if len(written) > MAX_DIGITS and sum(ch.isdigit() for ch in written) > MAX_DIGITS:
            continue            # not a newspaper figure (and too long to convert cheaply)
        value = _exact(written.replace(",", ""))
        currency = _currency_before(text, start)
        if currency:
            start -= len(currency[0])
        figure = _decorate(text, start, end, value, "number", currency and currency[1], written)
        if figure:
            yield figure


def _exact(digits: str) -> Fraction:
    """'-12.50' -> Fraction(-25, 2): what Fraction(digits) gives, without parsing a string."""
    whole, point, places = digits.partition(".")
    return Fraction(int(whole + places), 10 ** len(places)) if point else Fraction(int(whole))


def _currency_before(text: str, start: int) -> tuple[str, str] | None:
    if start == 0 or text[start - 1] not in _SYMBOL_ENDS:
        return None
    for symbol in _SYMBOLS:
        if start >= len(symbol) and text.startswith(symbol, start - len(symbol)):
            return symbol, CURRENCY_SYMBOLS[symbol]
    return None


def _decorate(text: str, start: int, end: int, value: Fraction, kind: str, currency: str | None,
              written: str) -> Candidate | None:
    """Extend a number with what follows it: scale, "and a half", %, currency word, noun."""
    plain = True
    m = _SCALE.match(text, end) if kind == "number" else None
    if m is None and kind == "number" and (currency or text[end:end + 2].lower() in ("bn", "mn")):
        m = _GLUED_SCALE.match(text, end)
    if m:
        value, end, plain = value * SCALES[_fold(m.group(1))], m.end(), False
    if (m := _AND_HALF.match(text, end)):
        value, end, plain = value + Fraction(1, 2), m.end(), False
    unit = None
    if currency:
        kind, unit = "money", currency
    elif (m := _PERCENT.match(text, end)):
        kind, unit, end = "percent", "percentage points" if m.group("pts") else "percent", m.end()
    elif (m := _CURWORD.match(text, end)):
        word = _fold(m.group(1))
        if word.startswith("cent"):     # "97 cents": hundredths of the local (assumed US) dollar
            value, word = value / 100, "dollars"
        kind, unit, end = "money", CURRENCY_WORDS[word], m.end()
    elif kind == "number" and (m := _DEGREE.match(text, end)):
        unit, end = {"F": "degF", "C": "degC"}.get(m.group("scale") or "", "degree"), m.end()
    elif (m := _COMPOUND.match(text, end)) and _is_noun(m.group(1)):
        kind, unit, end = "compound", m.group(1).lower(), m.end()
    elif kind == "number" and plain and re.fullmatch(r"\d+", written):
        if (m := _ORDINAL.match(text, end)):
            kind, end = "ordinal", m.end()
        elif len(written) == 4 and 1900 <= value < 2100:
            kind, unit = "year", "date"
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return None             # glued letters we cannot read: "3D", "1990s", "5K"
    return start, end, kind, written if kind == "year" else value, unit     # a year as written


def _is_noun(noun: str) -> bool:
    return noun.split("-")[0].lower() not in _NOT_NOUNS


def _word_figures(scan: Scan) -> Iterator[Candidate]:
    text = scan.text
    runs = _WORD_SEQ.finditer(text) if scan.lowered is None else _WORD_SEQ_LOWER.finditer(scan.lowered)
    for m in runs:
        tokens = list(_WORD.finditer(text, m.start(), m.end()))
        i = 0
        while i < len(tokens):
            found = _longest_number(text, tokens, i)
            if found is None:
                i += 1
                continue
            j, value = found
            start, end = tokens[i].start(), tokens[j - 1].end()
            i = j
            if text[start:end].lower() == "one" and _pronoun_one(text, start, end):
                continue
            figure = _decorate(text, start, end, value, "words", None, text[start:end])
            if figure:
                yield figure
    for m in _DOZEN.finditer(text) if scan.has("dozen") else ():
        n = m.group("n").lower().replace("\u00a0", " ")
        count = _DOZENS.get(n) or word_number(n)
        if count is None:
            continue            # never: the pattern takes only number words
        yield m.start(), m.end(), "words", Fraction(count) * 12, None
    for m in _A_SCALE.finditer(text) if scan.has("hundred", "thousand", "million", "billion") else ():
        yield m.start(), m.end(), "words", Fraction(SCALES[_fold(m.group("s"))]), None


def _longest_number(text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, Fraction] | None:
    """The longest run of tokens from i that reads as one number (at most 12 words).

    A run that does not read as a number never becomes one by adding words (except a
    trailing "and"), so stop at the first failure: two text2num calls per word, not twelve."""
    if tokens[i].group().lower() in ("and",) + _SCALE_WORDS:
        return None             # "million and one" after "$1.2": a number never starts with a scale
    best = None
    for j in range(i + 1, min(len(tokens), i + 12) + 1):
        if tokens[j - 1].group().lower() == "and":
            continue
        value = word_number(text[tokens[i].start():tokens[j - 1].end()])
        if value is None:
            break
        best = j, value
    return best


def _pronoun_one(text: str, start: int, end: int) -> bool:
    """'no one', 'one of', 'one another', "one's", 'the one', 'one by one'."""
    if text[max(0, start - 3):start].lower() == "no-" or _ONE_IDIOM.match(text, end) \
            or text[max(0, start - 4):start].lower() in ("-on-", " by "):
        return True             # "no-one", "one-on-one", "one-time", "one by one"
    if _AT_A_TIME.match(text, end):
        return True             # "one at a time", "one game at a time"
    return _prev_word(text, start) in _ONE_BEFORE or _next_word(text, end) in _ONE_AFTER


def _shares(scan: Scan) -> Iterator[Candidate]:
    text = scan.text
    for m in _SHARE.finditer(text) if scan.has(*_FRACTION_DENOMINATORS) else ():
        n, sep, denom = _fold(m.group("n")), m.group("sep"), _fold(m.group("d"))
        plural = denom.endswith("s")
        count = 1 if n in ("a", "an", "one") else word_number(n)
        if count is None:
            continue            # never: the pattern takes only number words
        if (count == 1) == plural:
            continue            # "a thirds", "two third": not a fraction
        if sep != "-" and (not plural or denom == "quarters") and not _share_context(text, m):
            continue            # "a third term", "two quarters" of a season
        share = Fraction(count, _FRACTION_DENOMINATORS[denom.rstrip("s")])
        yield m.start(), m.end(), "share", share, None
    for m in _HALF.finditer(text) if scan.has("half") else ():
        if _prev_word(text, m.start()) not in _NOT_BEFORE_HALF:
            yield m.start(), m.end(), "share", Fraction(1, 2), None


def _share_context(text: str, m: re.Match[str]) -> bool:
    return bool(_SHARE_FOLLOWS.match(text, m.end())) or _prev_word(text, m.start()) in _HEDGE_BEFORE


# Order matters only for ties in length: earlier finders win.
FINDERS = (_blockers, _dates, _times, _weekdays, _shares, _pairs, _digit_figures, _word_figures)
