"""Written figures -> exact intervals.

A figure stands for every value its wording allows: "102" is exactly 102, "1.2 million" is
[1.15M, 1.25M), "47%" is [46.5, 47.5), "about 1,000" is 1,000 give or take the configured
tolerance, "more than 40" is (40, inf).  Everything is a Fraction built from the digits as
written; nothing passes through a float.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from verify.model import Figure, Interval

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
MULTIPLES = {"doubled": 2, "double": 2, "twice": 2, "tripled": 3, "triple": 3, "trebled": 3,
             "quadrupled": 4, "halved": Fraction(1, 2)}

# Hedge wording -> canonical precision name.  Longest phrases first when matching.
HEDGES = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "close to": "nearly",
    "nearly": "nearly", "almost": "nearly", "a little less than": "nearly",
    "just under": "nearly", "slightly less than": "nearly",
    "just over": "just over", "a little more than": "just over", "slightly more than": "just over",
    "more than": "more than", "over": "more than", "above": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "below": "fewer than",
    "up to": "up to", "at most": "up to", "no more than": "up to",
}
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
    upper: "Written | None" = None   # the second number of "between X and Y"
    compound: str | None = None      # the noun of "12-state"
    share: bool = False              # a fraction in words: "half", "a third"


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
    from text_to_num import text2num   # imported here: only number words need it
    try:
        return Fraction(text2num(words, "en"))
    except (ValueError, IndexError):
        return None


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
        low, high = read_written(between.group(1), True), read_written(between.group(2), True)
        unit = low.unit or high.unit
        return Written(low.value, low.step, unit, "between", Written(high.value, high.step, unit))
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
    return Written(sign * value, step, unit, hedge, None, compound, share=_is_share(text))


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
        if re.search(r"[eE]", text):
            raise FigureError(f"'{_short(original)}' uses an exponent; write the figure as the "
                              "article does")
        value, step = parse_digits(text)
        return value * scale, step * scale
    value = word_number(text)
    if value is None:
        raise FigureError(f"'{_short(original)}' is not a figure; expected digits ('102', "
                          "'1.2 million', '47%', '$3.20') or number words ('two', 'Twenty-one', "
                          "'a dozen')")
    if scale != 1:
        return value * scale, None
    return value, None


@dataclass(frozen=True)
class Tolerances:
    """Hedge tolerances as fractions of the figure (from checks/ settings)."""

    about: Fraction = Fraction(1, 10)
    nearly: Fraction = Fraction(1, 10)
    just_over: Fraction = Fraction(1, 10)
    rounding: str = "half-up"       # half-up: [v-h, v+h); either: [v-h, v+h]


def figure_from(value_text: str, unit: str | None, precision: str | None,
                integer: bool, tolerances: Tolerances = Tolerances()) -> Figure:
    """The claim's value as written -> Figure with its exact interval and printed reading."""
    written = read_written(value_text)
    unit = unit or written.unit or "1"
    if precision is not None and precision not in PRECISIONS:
        raise FigureError(f"precision '{precision}' is not one of: {', '.join(PRECISIONS)}")
    precision = precision or written.hedge or _default_precision(value_text, written)
    if written.hedge and precision != written.hedge and written.hedge != "between":
        raise FigureError(f"the value says '{written.hedge}' but precision says '{precision}'")
    value = written.value
    if written.share and unit == "percent":          # "a third" stated as a share
        value = value * 100
    if precision == "between":
        if written.upper is None:
            raise FigureError("precision 'between' needs a value like 'between 10 and 20'")
        interval = Interval(value, written.upper.value)
        reading = interval
    else:
        interval = _interval(value, written.step, precision, tolerances)
        reading = Interval.point(value) if precision in ("exact", "rounded") else interval
    if integer and interval.lo is None:
        interval = Interval(Fraction(0), interval.hi, True, interval.hi_closed)
        reading = reading.intersect(interval)
    return Figure(value_text, interval, reading, unit, precision, integer, value)


def _default_precision(text: str, written: Written) -> str:
    """Digits with decimals, scale words or a percent sign were rounded by the writer."""
    if written.share:
        return "about"      # "a third" is how writers say 31% to 35%
    if written.step is None:
        return "exact"
    if written.step < 1 and "." in text or written.step > 1 or written.unit == "percent":
        return "rounded"
    return "exact"


def _interval(value: Fraction, step: Fraction | None, precision: str,
              tol: Tolerances) -> Interval:
    if precision == "exact":
        return Interval.point(value)
    if precision == "rounded":
        half = (step if step is not None else _last_digit_step(value)) / 2
        return Interval(value - half, value + half, True, tol.rounding != "half-up")
    spread = abs(value)
    return {
        "about": Interval(value - spread * tol.about, value + spread * tol.about),
        "nearly": Interval(value - spread * tol.nearly, value, True, False),
        "just over": Interval(value, value + spread * tol.just_over, False, True),
        "more than": Interval(value, None, False),
        "at least": Interval(value, None),
        "fewer than": Interval(None, value, True, False),
        "up to": Interval(None, value),
    }[precision]


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
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, rest = divmod(value.numerator, value.denominator)
    text = f"{whole:,}"
    if rest:
        digits = (Fraction(rest, value.denominator) * 10**4)
        shown = f"{int(digits):04d}".rstrip("0")
        if unit in CURRENCY_SYMBOLS.values() and len(shown) < 2:
            shown = shown.ljust(2, "0")               # money keeps its cents: $0.30
        text += "." + (shown or "0") + ("..." if digits.denominator != 1 else "")
    text = sign + text
    if unit == "percent":
        return text + "%"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(unit or "")
    if symbol:
        return sign + symbol + text.lstrip("-")
    if unit and unit not in ("1", "people", "date", "weekday"):
        return f"{text} {unit}"
    return text


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


def overlap(intervals: list[Interval], integer: bool) -> Interval | None:
    """The values all intervals allow (None if none; whole numbers only when `integer`)."""
    common = intervals[0]
    for interval in intervals[1:]:
        common = common.intersect(interval)
    if common.is_empty() or (integer and not integer_in(common)):
        return None
    return common
