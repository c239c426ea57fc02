"""Written figures -> exact intervals.

A figure stands for every value its wording allows: "102" is exactly 102, "1.2 million" is
[1.15M, 1.25M), "47%" is [46.5, 47.5), "about 1,000" is 1,000 give or take the configured
tolerance, "more than 40" is (40, inf), "5%-8%" is [5%, 8%].  As printed (its reading), a
hedged figure is the figure printed: "about $667,000" is $667,000, and only its hedge allows
more, so a check that needs the hedge can say "holds only if", never pass silently.
Everything is a Fraction built from the digits as written; nothing passes through a float.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quicktions import Fraction

from verify.model import Figure, Interval, pickle_by_constructor
from verify.values import units

MAX_DIGITS = 40          # digits in one written number; more is not a newspaper figure

SCALES = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9,
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                  "pounds": "GBP", "pound": "GBP", "yen": "JPY"}
SIGNS = ("-", "\u2212")
PERCENT_WORDS = ("%", "percent", "per cent", "pct")

# Fractions people write in words, as shares.
WORD_FRACTIONS = {
    "half": Fraction(1, 2), "a half": Fraction(1, 2), "one half": Fraction(1, 2),
    "a third": Fraction(1, 3), "one third": Fraction(1, 3), "two thirds": Fraction(2, 3),
    "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4),
    "three quarters": Fraction(3, 4), "a fifth": Fraction(1, 5), "one fifth": Fraction(1, 5),
    "a tenth": Fraction(1, 10), "one tenth": Fraction(1, 10),
}
WORD_COUNTS = {"a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2, "a score of": 20,
               "no": 0, "none": 0, "zero": 0, "a single": 1, "a hundred": 100,
               "a thousand": 1000, "a million": 10**6}
MULTIPLES: dict[str, int | Fraction]
MULTIPLES = {"doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3, "trebled": 3,
             "quadrupled": 4, "halved": Fraction(1, 2)}
# "one in five", "1 out of every 3", "nine in 10": a share written as a ratio.
_RATIO = re.compile(r"(?P<a>.+?) (?:in|out of)(?: every)? (?P<b>.+)", re.IGNORECASE)
# "5%-8%", "5-8%", "40 to 50", "$2 million-$3 million": a range, read as "between".
_RANGE = re.compile(r"(?P<a>[^\s-][^-]*?) ?(?:-| to ) ?(?P<b>[$€£¥]?\d[^-]*)")

# Hedge wording -> canonical precision name.  Longest phrases first when matching.
HEDGES = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "nearly": "nearly",
    "close to": "nearly", "almost": "nearly", "a little less than": "nearly",
    "a little fewer than": "nearly", "a little under": "nearly", "just under": "nearly",
    "just below": "nearly", "slightly less than": "nearly", "slightly fewer than": "nearly",
    "slightly under": "nearly", "slightly below": "nearly",
    "just over": "just over", "just above": "just over", "a little more than": "just over",
    "a little over": "just over", "slightly more than": "just over", "slightly over": "just over",
    "slightly above": "just over",
    "more than": "more than", "over": "more than", "above": "more than", "well over": "more than",
    "well above": "more than", "upwards of": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "below": "fewer than", "well under": "fewer than", "well below": "fewer than",
    "up to": "up to", "at most": "up to", "no more than": "up to", "as many as": "up to",
    "as much as": "up to", "as high as": "up to",
}
# a hedge phrase ending just before a figure ("about 6,900", "nearly $4.6 million")
_HEDGE_BEFORE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True))
                           + r")\s+[$\u20ac\u00a3\u00a5]?\Z", re.IGNORECASE)


def hedge_before(text: str, at: int) -> str | None:
    """The hedge just before text[at:], a figure ("an average of about 6,900" -> "about"),
    lowercased; None when there is none.  Only the few words before `at` are read."""
    found = _HEDGE_BEFORE.search(text[max(0, at - 40):at])
    return found.group(1).lower() if found else None


# Hedges around a figure (not bounds): as printed they are the figure; the hedge is how far
# the true value may stray from it.
VAGUE = ("about", "nearly", "just over")
PRECISIONS = ("exact", "rounded", "about", "nearly", "just over", "more than", "at least",
              "fewer than", "up to", "between")

_NUMBER = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")


class FigureError(ValueError):
    """The written figure cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Written:
    """A number as read from text: its exact value and the step of its last written digit."""

    value: Fraction
    step: Fraction | None      # 1 for "102", 1/10 for "4.5", 100000 for "1.2 million"; None: exact word
    unit: str | None = None    # "percent", "USD", ... when the text says so
    hedge: str | None = None   # canonical hedge when the text carries one ("about")
    upper: Written | None = None   # the second number of "between X and Y"
    compound: str | None = None      # the noun of "12-state"
    share: bool = False              # a fraction in words: "half", "a third", "one in five"
    multiple: bool = False           # "doubled", "three times"


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text.strip())


def _short(text: str) -> str:
    """A value echoed in a message: at most 60 characters of it."""
    return text if len(text) <= 60 else text[:60] + "..."


def parse_digits(text: str) -> tuple[Fraction, Fraction]:
    """'1,234.50' -> (Fraction(246900, 200), Fraction(1, 100)): value and step of the last digit."""
    match = _NUMBER.match(text)
    if not match:
        raise FigureError(f"'{text}' is not a number written with digits")
    whole = match.group("int").replace(",", "")
    frac = match.group("frac") or ""
    if len(whole) + len(frac) > MAX_DIGITS:
        raise FigureError(f"'{text[:20]}...' has more than {MAX_DIGITS} digits; expected a "
                          "figure as a newspaper prints it")
    value = Fraction(int(whole + frac), 10 ** len(frac))
    return value, Fraction(1, 10 ** len(frac))


def word_number(text: str) -> Fraction | None:
    """'Twenty-one' -> 21, 'a dozen' -> 12, 'one-third' -> 1/3; None when not a number word."""
    words = _clean(text).lower().replace("-", " ")
    if words in WORD_COUNTS:
        return Fraction(WORD_COUNTS[words])
    if words in WORD_FRACTIONS:
        return WORD_FRACTIONS[words]
    if not re.fullmatch(r"[a-z ]+", words) or len(words) > 200:
        return None
    from text_to_num import text2num  # noqa: PLC0415 - start-up time: only number words need it
    try:
        return Fraction(text2num(words, "en"))
    except (ValueError, IndexError):
        return None


_DURATION = re.compile(r"(?:(an?|[0-9][0-9,]*(?:\.[0-9]+)?|[A-Za-z-]+)\s+)?([A-Za-z]+)")


def duration(text: str) -> tuple[Fraction, str] | None:
    """'1 year', 'a year', 'seven days', '24 hours', 'week' -> (number, unit of time); None when
    the text is not a length of time.  A year is 365 days and a month a twelfth of one (as
    units.txt defines them): a stated period is a calendar length, not an astronomical one."""
    match = _DURATION.fullmatch(re.sub(r"\s+", " ", str(text).strip()))
    if match is None or len(text) > units.MAX_UNIT_LENGTH:
        return None
    number, word = match.groups()
    value: Fraction | None
    if number is None or number.lower() in ("a", "an"):
        value = Fraction(1)
    elif number[0].isdigit():
        value = Fraction(number.replace(",", ""))
    else:
        value = word_number(number)
    try:
        unit = units.canonical(word)
        if value is None or value <= 0 or units.dimension(unit) != "[time]":
            return None
    except units.UnitError:
        return None
    return value, unit


def read_written(text: str, _inside: bool = False) -> Written:
    """Read the value text of a claim: hedge, currency, number (digits or words), scale, percent."""
    original = text
    text = _clean(text)
    if not text:
        raise FigureError("the value is empty; expected a figure as written, e.g. '102' or 'two'")
    hedge, text = _strip_hedge(text)
    between = re.fullmatch(r"between (.+?) and (.+)", text, re.IGNORECASE)
    if between:
        if _inside:     # one level only: 'between between ...' nested 2,000 deep blew the stack
            raise FigureError(f"'{_short(original)}' has 'between' inside 'between'; expected "
                              "'between X and Y' with two figures")
        return _range(between.group(1), between.group(2), original)
    if hedge is None and not _inside:
        ranged = _RANGE.fullmatch(text)
        if ranged and text[:1] not in SIGNS:
            return _range(ranged.group("a"), ranged.group("b"), original)
    ratio = _RATIO.fullmatch(text)
    if ratio:
        return _ratio(ratio.group("a"), ratio.group("b"), hedge, original)
    sign = 1
    if text[:1] in SIGNS:                               # "-15", "−20%", "-$1.2 million"
        sign, text = -1, text[1:].lstrip()
        if text[:1] in SIGNS:
            raise FigureError(f"'{_short(original)}' has more than one sign; expected one sign at most")
    currency, text = _strip_currency(text)
    percent, text = _strip_percent(text)
    compound = None
    match = re.fullmatch(r"(.+?)-(?!thirds?\b|quarters?\b|half\b)([a-z]+)", text, re.IGNORECASE)
    if match and word_number(match.group(2)) is None and (
            match.group(1)[-1].isdigit() or word_number(match.group(1)) is not None):
        text, compound = match.group(1), match.group(2).lower()
    value, step = _read_number(text, original)
    unit = "percent" if percent else currency
    return Written(sign * value, step, unit, hedge, None, compound, share=_is_share(text),
                   multiple=_is_multiple(text))


def _range(low_text: str, high_text: str, original: str) -> Written:
    """"between 40 and 50", "5%-8%", "5 to 8 million": both ends, sharing a unit and a scale."""
    try:
        low, high = read_written(low_text, True), read_written(high_text, True)
    except FigureError as error:
        raise FigureError(f"'{_short(original)}' is read as a range from '{_short(low_text)}' to "
                          f"'{_short(high_text)}', but {error}; expected 'between X and Y' or "
                          "'X-Y' with two figures") from None
    words = _clean(high_text).split(" ")
    if (len(words) > 1 and words[-1].lower() in SCALES and
            _clean(low_text).split(" ")[-1].lower() not in SCALES):   # "5 to 8 million"
        scale = SCALES[words[-1].lower()]
        low = Written(low.value * scale, None if low.step is None else low.step * scale, low.unit)
    unit = low.unit or high.unit
    if high.value < low.value:
        raise FigureError(f"'{_short(original)}' is a range from {fmt(low.value)} down to "
                          f"{fmt(high.value)}; expected the lower figure first")
    return Written(low.value, low.step, unit, "between", Written(high.value, high.step, unit))


def _ratio(count: str, out_of: str, hedge: str | None, original: str) -> Written:
    """"one in five" -> 1/5 as a share; "nine out of every 10" -> 9/10."""
    try:
        a, b = read_written(count, True), read_written(out_of, True)
    except FigureError:
        raise FigureError(f"'{_short(original)}' is not a figure; expected digits, number words "
                          "or a ratio such as 'one in five'") from None
    if b.value <= 0 or a.value < 0 or a.unit or b.unit:
        raise FigureError(f"'{_short(original)}' is not a ratio of two counts; expected e.g. "
                          "'one in five' or '3 out of every 10'")
    return Written(a.value / b.value, None, None, hedge, share=True)


def _is_multiple(text: str) -> bool:
    lowered = _clean(text).lower()
    return lowered in MULTIPLES or lowered.endswith(" times")


def _is_share(text: str) -> bool:
    return _clean(text).lower().replace("-", " ") in WORD_FRACTIONS


def _strip_hedge(text: str) -> tuple[str | None, str]:
    lowered = text.lower()
    for phrase in sorted(HEDGES, key=len, reverse=True):
        if lowered.startswith(phrase + " "):
            return HEDGES[phrase], text[len(phrase) + 1:]
    return None, text


def _strip_currency(text: str) -> tuple[str | None, str]:
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if text.startswith(symbol):
            return CURRENCY_SYMBOLS[symbol], text[len(symbol):].strip()
    match = re.fullmatch(r"(.+?) (dollars?|euros?|pounds?|yen)", text, re.IGNORECASE)
    if match:
        return CURRENCY_WORDS[match.group(2).lower()], match.group(1)
    match = re.fullmatch(r"(\d{1,2}) ?(cents?|¢)", text, re.IGNORECASE)
    if match:                                          # "97 cents" -> $0.97
        return "USD", f"0.{int(match.group(1)):02d}"
    return None, text


def _strip_percent(text: str) -> tuple[bool, str]:
    lowered = text.lower()
    for word in PERCENT_WORDS:
        if lowered.endswith(word):
            return True, text[: len(text) - len(word)].strip()
    return False, text


_EXPONENT = re.compile(r"[\d.,]*\d[eE][+-]?\d+")     # "1e3", "2.5E-4"


def _read_number(text: str, original: str, depth: int = 0) -> tuple[Fraction, Fraction | None]:
    if depth > 2:       # a sign, then "times", then the number: '- - - ... 5' must not recurse on
        raise FigureError(f"'{_short(original)}' is not a figure; expected one sign and one 'times' "
                          "at most")
    parts = text.split(" ")
    scale = 1
    if len(parts) > 1 and parts[-1].lower() in SCALES:
        scale = SCALES[parts[-1].lower()]
        text = " ".join(parts[:-1])
    else:
        match = re.fullmatch(r"([\d.,]+)(k|m|mn|bn)", text, re.IGNORECASE)
        if match:
            text, scale = match.group(1), SCALES[match.group(2).lower()]
    lowered = text.lower()
    if lowered in MULTIPLES:                      # "doubled", "tripled", "halved"
        return Fraction(MULTIPLES[lowered]), None
    times = re.fullmatch(r"(.+?) times", text, re.IGNORECASE)
    if times:                                     # "three times", "2.5 times"
        return _read_number(times.group(1), original, depth + 1)
    if text and text[0].isdigit():
        if _EXPONENT.fullmatch(text):
            raise FigureError(f"'{_short(original)}' uses an exponent; write the figure as the "
                              "article does")
        value, step = parse_digits(text)
        return value * scale, step * scale
    word = word_number(text)
    if word is None:
        raise FigureError(f"'{_short(original)}' is not a figure; expected digits ('102', "
                          "'1.2 million', '47%', '$3.20') or number words ('two', 'Twenty-one', "
                          "'a dozen')")
    if scale != 1:
        return word * scale, None
    return word, None


@dataclass(frozen=True)
class Tolerances:
    """Hedge tolerances as fractions of the figure (from checks/ settings)."""

    about: Fraction = Fraction(1, 10)
    nearly: Fraction = Fraction(1, 10)
    just_over: Fraction = Fraction(1, 10)
    multiples: Fraction = Fraction(1, 20)   # "doubled" is 2 give or take 5%
    steps: int | None = 5           # a hedge strays at most 5 units of the last significant
                                    # digit: "about $667,000" is $662,000 to $672,000; None: off
    rounding: str = "half-up"       # a convention of ROUNDINGS: how a rounded figure was cut

    def __hash__(self) -> int:
        """As the generated hash, but without hashing a Fraction (a modular inverse each time):
        figure_from's cache hashes the tolerances at every claim read.  Equal shares have equal
        lowest terms (an int n is n/1, as it equals n/1), so equal tolerances hash alike."""
        about, nearly, just_over, multiples = self.about, self.nearly, self.just_over, self.multiples
        return hash((about.numerator, about.denominator, nearly.numerator, nearly.denominator,
                     just_over.numerator, just_over.denominator, multiples.numerator,
                     multiples.denominator, self.steps, self.rounding))


# --jobs sends the settings (Tolerances) and read figures to the workers: compiled (setup.py),
# a frozen class cannot be unpickled by setting its fields, so both are rebuilt by their class
for _record in (Written, Tolerances):
    pickle_by_constructor(_record)


@lru_cache(maxsize=8192)     # a pure function of its arguments; archives repeat their figures
def figure_from(value_text: str, unit: str | None, precision: str | None,
                integer: bool, tolerances: Tolerances = Tolerances(),
                rounded_to: Fraction | None = None) -> Figure:
    """The claim's value as written -> Figure with its exact interval and printed reading.

    `rounded_to`: the place the writer rounded to (100 for "rounded to hundreds")."""
    written = read_written(value_text)
    unit = unit or written.unit or "1"
    if precision is not None and precision not in PRECISIONS:
        raise FigureError(f"precision '{precision}' is not one of: {', '.join(PRECISIONS)}")
    if rounded_to is not None:
        if precision not in (None, "rounded"):
            raise FigureError(f"'rounded-to' is the place a rounded figure was rounded to; "
                              f"precision '{precision}' is not rounded")
        if written.hedge or written.step is None:
            raise FigureError(f"'{_short(value_text)}' is not a figure written in digits; "
                              "'rounded-to' applies to digits such as '44,000'")
        precision = "rounded"
    explicit = precision
    precision = precision or written.hedge or _default_precision(value_text, written)
    if written.hedge and precision != written.hedge and written.hedge != "between":
        raise FigureError(f"the value says '{written.hedge}' but precision says '{precision}'")
    value = written.value
    scale = 100 if written.share and unit == "percent" else 1    # "a third" stated as a share
    value = value * scale
    if precision == "between":
        if written.upper is None:
            raise FigureError("precision 'between' needs a value like 'between 10 and 20'")
        interval = Interval(value, written.upper.value * scale)
        reading = rounded = interval
    else:
        step = rounded_to or (_significant_step(value, written.step) if precision == "rounded"
                              and explicit == "rounded" else written.step)
        interval = _interval(value, step, precision, tolerances, written.multiple)
        if precision in ("exact", "rounded") or precision in VAGUE:
            reading = Interval.point(value)     # as printed, "about 1,000" is 1,000
        else:
            reading = interval                  # "more than 40" is a bound, printed as one
        rounded = (interval if precision not in VAGUE
                   else _unhedged(value, value_text, written, tolerances))
    if integer and interval.lo is None:
        interval = Interval(Fraction(0), interval.hi, True, interval.hi_closed)
        reading = reading.intersect(interval)
        rounded = rounded.intersect(interval)
    return Figure(value_text, interval, reading, unit, precision, integer, value, rounded)


PLACES: dict[str, int | Fraction]
PLACES = {"one": 1, "ones": 1, "unit": 1, "units": 1, "ten": 10, "tens": 10, "hundred": 100,
          "hundreds": 100, "thousand": 10**3, "thousands": 10**3, "million": 10**6,
          "millions": 10**6, "billion": 10**9, "billions": 10**9, "tenth": Fraction(1, 10),
          "tenths": Fraction(1, 10), "hundredth": Fraction(1, 100), "hundredths": Fraction(1, 100)}


def rounding_place(text: str) -> Fraction:
    """`rounded-to: hundreds` / `100` / `0.1` -> the step of the digit the writer rounded at."""
    words = _clean(text).lower()
    words = words[len("the "):] if words.startswith("the ") else words
    words = words[:-len(" place")] if words.endswith(" place") else words
    words = words[len("nearest "):] if words.startswith("nearest ") else words
    if words in PLACES:
        return Fraction(PLACES[words])
    try:
        value, _ = parse_digits(words)
    except FigureError:
        value = None
    if value is None or value <= 0 or any(d not in "10.," for d in words) or words.count("1") != 1:
        raise FigureError(f"rounded-to '{_short(text)}' is not a place to round to; expected one of "
                          "tens, hundreds, thousands, millions, tenths, hundredths, or 100, 0.1 ...")
    return value


def _significant_step(value: Fraction, step: Fraction | None) -> Fraction | None:
    """The place of the last digit that counts, for a claim that says `precision: rounded`:
    "44,000" is then rounded to thousands.  (Without it, trailing zeros are read as exact.)"""
    if step is None or step < 1 or value.denominator != 1:
        return step
    return max(step, _last_digit_step(value))


def _unhedged(value: Fraction, text: str, written: Written, tol: Tolerances) -> Interval:
    """What a hedged figure allows without its hedge: the rounding of its digits ("about 1.3
    million": [1.25 million, 1.35 million)); a plain number is itself."""
    plain = Written(written.value, written.step, written.unit)
    if written.share or written.multiple or _default_precision(text, plain) != "rounded":
        return Interval.point(value)
    return _interval(value, written.step, "rounded", tol)


def _default_precision(text: str, written: Written) -> str:
    """Digits with decimals, scale words or a percent sign were rounded by the writer."""
    if written.share:
        return "about"      # "a third" is how writers say 31% to 35%
    if written.step is None:
        return "exact"
    if (written.step < 1 and "." in text) or written.step > 1 or written.unit == "percent":
        return "rounded"
    return "exact"


def _interval(value: Fraction, step: Fraction | None, precision: str,
              tol: Tolerances, multiple: bool = False) -> Interval:
    if multiple and precision in ("exact", "rounded"):     # "doubled": 2 give or take 5%
        spread = max(abs(value) * tol.multiples, (step or Fraction(0)) / 2)
        return Interval(value - spread, value + spread)
    if precision == "exact":
        return Interval.point(value)
    if precision == "rounded":
        return rounded_interval(value, step if step is not None else _last_digit_step(value),
                                tol.rounding)

    def width(share: Fraction) -> Fraction:
        """The hedge's reach: a share of the figure, at most `steps` units of its last
        significant digit ("about 1,000": 100; "about $667,000": 5,000, not 66,700)."""
        spread = abs(value) * share
        if tol.steps is not None and step is not None:
            spread = min(spread, tol.steps * max(step, _last_digit_step(value)
                                                 if value.denominator == 1 else step))
        return spread

    return {
        "about": lambda: Interval(value - width(tol.about), value + width(tol.about)),
        "nearly": lambda: Interval(value - width(tol.nearly), value, True, False),
        "just over": lambda: Interval(value, value + width(tol.just_over), False, True),
        "more than": lambda: Interval(value, None, False),
        "at least": lambda: Interval(value, None),
        "fewer than": lambda: Interval(None, value, True, False),
        "up to": lambda: Interval(None, value),
    }[precision]()


# How a source cuts its figures to their last digit, and what a printed v (last digit of size
# `step`, h = step/2) then allows.  Newspapers round half up; official filings often truncate.
ROUNDINGS = {
    "half-up": "[v − h, v + h): 95.495 is printed 95.50",
    "half-even": "[v − h, v + h] when v's last digit is even, (v − h, v + h) when it is odd",
    "truncate": "[v, v + step) (below zero (v − step, v]): 95.49897 is printed 95.49",
    "either": "[v − h, v + h]: a tie may have gone either way",
}


def rounded_interval(value: Fraction, step: Fraction, rounding: str) -> Interval:
    """Every value that `rounding` prints as `value`, cut at `step`."""
    half = step / 2
    if rounding == "truncate":
        return Interval(value, value + step, True, False) if value >= 0 else \
            Interval(value - step, value, False, True)
    if rounding == "half-even":      # a tie goes to the even digit: to v only if v's is even
        digits = value / step
        even = digits.denominator == 1 and digits.numerator % 2 == 0
        return Interval(value - half, value + half, even, even)
    return Interval(value - half, value + half, True, rounding != "half-up")


def _last_digit_step(value: Fraction) -> Fraction:
    """'rounded' on an exact-looking whole number: the place of its last non-zero digit."""
    if value.denominator != 1 or value == 0:
        return Fraction(1)
    step, n = 1, abs(value.numerator)
    while n % 10 == 0:
        n //= 10
        step *= 10
    return Fraction(step)


def fmt(value: Fraction | None, unit: str | None = None) -> str:
    """An exact number as an editor reads it: 1,334,000 / 46.5 / 33.33... (exact to 4 places)."""
    if value is None:
        return "unbounded"
    numerator, denominator = value.numerator, value.denominator     # in lowest terms
    sign = "-" if numerator < 0 else ""
    numerator = abs(numerator)
    whole, rest = divmod(numerator, denominator)
    text = f"{whole:,}"
    if rest:
        digits, left = divmod(rest * 10**4, denominator)     # four places, and what is cut off
        shown = f"{digits:04d}".rstrip("0")
        if unit in _MONEY and len(shown) < 2:
            shown = shown.ljust(2, "0")               # money keeps its cents: $0.30
        text += "." + (shown or "0") + ("..." if left else "")
    if unit == "percent":
        return sign + text + "%"
    symbol = _SYMBOLS.get(unit or "")
    if symbol:
        return sign + symbol + text
    if unit and unit not in _UNNAMED:
        if numerator == 1 and denominator == 1:       # "1 state", "1 mile", not "1 states"
            unit = units.singular(unit)
        return f"{sign}{text} {unit}"
    return sign + text


_MONEY = frozenset(CURRENCY_SYMBOLS.values())
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_UNNAMED = frozenset(("1", "people", "date", "weekday"))     # units a figure is shown without


def fmt_interval(interval: Interval, unit: str | None = None) -> str:
    if interval.is_point:
        return fmt(interval.lo, unit)
    if interval.hi is None:
        return ("at least " if interval.lo_closed else "more than ") + fmt(interval.lo, unit)
    if interval.lo is None:
        return ("at most " if interval.hi_closed else "less than ") + fmt(interval.hi, unit)
    left = "[" if interval.lo_closed else "("
    right = "]" if interval.hi_closed else ")"
    return f"{left}{fmt(interval.lo, unit)}, {fmt(interval.hi, unit)}{right}"


# -- intervals of whole numbers, and where intervals meet ----------------------

def whole_numbers(interval: Interval) -> Interval:
    """The whole numbers of an interval, as an interval with closed whole-number ends."""
    lo, hi = interval.lo, interval.hi
    if interval.lo_closed and interval.hi_closed and (lo is None or (
            type(lo) is Fraction and lo.denominator == 1)) and (
            hi is None or (type(hi) is Fraction and hi.denominator == 1)):
        return interval      # its ends are whole and closed already (a count as printed: 158)
    if lo is not None:
        lo = Fraction(lo.__floor__() + 1 if not interval.lo_closed and lo.denominator == 1
                      else lo.__ceil__())
    if hi is not None:
        hi = Fraction(hi.__ceil__() - 1 if not interval.hi_closed and hi.denominator == 1
                      else hi.__floor__())
    return Interval(lo, hi, True, True)


def integer_in(interval: Interval) -> bool:
    """Does the interval contain a whole number?"""
    if interval.is_empty():
        return False
    if interval.lo is None or interval.hi is None:
        return True
    low = interval.lo.__ceil__()
    if low == interval.lo and not interval.lo_closed:
        low += 1
    return interval.contains(Fraction(low))


# an interval's ends as (numerator, denominator) in lowest terms (None: unbounded) and whether
# each is closed: equal for equal intervals, and hashed without Fraction.__hash__ (a modular
# inverse each time), for intervals that key a dict
IntervalKey = tuple[tuple[int, int] | None, tuple[int, int] | None, bool, bool]


def interval_key(interval: Interval) -> IntervalKey:
    lo, hi = interval.lo, interval.hi
    return (None if lo is None else (lo.numerator, lo.denominator),
            None if hi is None else (hi.numerator, hi.denominator),
            interval.lo_closed, interval.hi_closed)


def overlap(intervals: list[Interval], integer: bool) -> Interval | None:
    """The values all intervals allow (None if none; whole numbers only when `integer`)."""
    common = intervals[0]
    for interval in intervals[1:]:
        common = common.intersect(interval)
    if common.is_empty() or (integer and not integer_in(common)):
        return None
    return common
