"""Intervals and p values stated after a value: "(95% CI, 0.61 to 0.88)", "(0.61-0.88)", "(range, 2 to 31)", "P = .003".

The one place litkg reads them after a statement; :mod:`measures` reads the forms that carry their
own value ("1.91 h (95% CI 1.78-2.03)") with the CI words defined here.
"""

from __future__ import annotations

import re

from .numbers import DIGITS

CI_AFTER = re.compile(
    rf"^\s*[,;]?\s*[(\[]?\s*(?:(?P<level>\d{{2}}(?:\.\d+)?)\s*%\s*(?:confidence\s+interval|CI|credible\s+interval|CrI)"
    rf"(?:\s*\[\s*CI\s*\])?\s*[,:]?\s*(?:was\s+|of\s+)?)(?P<lo>{DIGITS})\s*%?\s*(?:to|-|–|—)\s*(?P<hi>{DIGITS})\s*%?\s*[)\]]?",
)


BARE_CI_AFTER = re.compile(rf"^\s*\((?P<lo>{DIGITS})\s*(?:to|–|—|-)\s*(?P<hi>{DIGITS})\)")


RANGE_AFTER = re.compile(
    rf"^\s*[(\[]\s*(?P<kind>range|IQR|interquartile\s+range)\s*[,:]?\s*(?P<lo>{DIGITS})\s*(?:to|-|–|—)\s*(?P<hi>{DIGITS})[^)\]]*[)\]]"
)


P_VALUE_AFTER = re.compile(r"^\s*[,;]?\s*\(?\s*[Pp]\s*(?P<p>[<>=≤≥]\s*0?\.\d+|=\s*\d(?:\.\d+)?(?:e-?\d+)?)")


def p_after(text: str, position: int, limit: int) -> str | None:
    p = P_VALUE_AFTER.match(text[position:min(limit, position + 60)])
    return "".join(p.group("p").split()).lstrip("=") if p else None


CI_WORDS = (r"(?:\d{2}(?:\.\d)?\s*(?:%|percent)\s*)?(?:CI|CrI|confidence\s+intervals?|credible\s+intervals?)"
             r"(?:\s*[(\[]\s*CI\s*[)\]])?")


DASH = r"(?:-|–|—|to)"
