"""Numbers as abstracts write them: digits with separators, unicode minus, and number words."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}

_WORD = "|".join(sorted((*_UNITS, *_TENS), key=len, reverse=True))
# "One hundred and twelve", "twenty-three", "Seven": a run of number words
NUMBER_WORDS = rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[- ](?:{_WORD}))?)?)?)"
# 2,481 / 12 345 (thin or narrow no-break space) / 15.1 / .05 ; a unicode minus is accepted
# (a sign only where it cannot be a range's hyphen: "43-100" is 43 and 100)
# thousands grouped by commas, thin spaces or (where the groups are exact) plain spaces: "2,481", "12 345";
# never from the middle of a number ("1,031" is not 031; "−0.1" is not 0.1)
DIGITS = (r"(?<![\w.])(?<!\d[,\u2009\u202f ])(?<![\s(\[=:,][-−+])(?<!^[-−+])(?:[-−+](?=\.?\d))?(?:(?:\d{1,3}(?:(?:,|[\u2009\u202f])\d{3})+"
          r"|\d{1,3}(?: \d{3})+(?![\d.,-])|\d+)(?:\.\d+)?|\.\d+)(?![\d])")
NUMBER = rf"(?:{DIGITS}|\b(?i:{NUMBER_WORDS})\b)"
NUMBER_RE = re.compile(NUMBER)
# where a number can begin: a digit, a sign or point before one, or a number word's first word
NUMBER_START = rf"[-−+.](?=\.?\d)|\d|\b(?i:{_WORD})\b"


def to_decimal(text: str) -> Decimal | None:
    """ "2,481" -> 2481; "−0.5" -> -0.5; "One hundred and twelve" -> 112; None if not a number."""
    cleaned = text.strip().replace(",", "").replace("\u2009", "").replace("\u202f", "")
    cleaned = re.sub(r"(?<=\d) (?=\d)", "", cleaned.replace("−", "-").replace("–", "-"))
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        value = words_to_int(text)
        return Decimal(value) if value is not None else None


def words_to_int(text: str) -> int | None:
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word == "and" and seen:
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def to_int(text: str) -> int | None:
    value = to_decimal(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
