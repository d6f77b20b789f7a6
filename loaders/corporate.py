"""Japanese corporate numbers (法人番号): 13 digits, the first a check digit.

Notes
-----
With :math:`P_n` the n-th digit of the 12-digit base counted from its lowest (rightmost)
digit and :math:`Q_n = 1` for odd n, 2 for even n, the check digit is

.. math:: c = 9 - \\left(\\sum_{n=1}^{12} P_n Q_n \\bmod 9\\right)

References
----------
国税庁, 法人番号の指定を受けた者の… 「チェックデジットの計算方法」 (法人番号の構成).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Weights Q_n for the base digits written left to right (n = 12 … 1).
_WEIGHTS = np.array([2 if n % 2 == 0 else 1 for n in range(12, 0, -1)], dtype=np.int64)


def check_digit(base: str) -> int:
    """The check digit of a 12-digit base.

    >>> check_digit("000012050002")  # 国税庁, 7000012050002
    7
    >>> check_digit("180301018771")  # トヨタ自動車, 1180301018771
    1
    """
    if len(base) != 12 or not base.isdigit():
        raise ValueError(f"a corporate number base has 12 digits, got {base!r}")
    digits = np.frombuffer(base.encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    return int(9 - int(digits @ _WEIGHTS) % 9)


def is_valid(number: str) -> bool:
    """True when ``number`` is 13 digits with a correct leading check digit.

    >>> is_valid("7000012050002"), is_valid("7000012050003"), is_valid("700001205000")
    (True, False, False)
    """
    return len(number) == 13 and number.isdigit() and int(number[0]) == check_digit(number[1:])


def valid_mask(numbers: pd.Series) -> np.ndarray:
    """Vectorised :func:`is_valid` over a column of str/None (None counts as valid)."""
    values = numbers.to_numpy(dtype=object)
    present = pd.notna(values)
    out = ~present
    idx = np.flatnonzero(present)
    if len(idx) == 0:
        return np.asarray(out, dtype=bool)
    texts = pd.Series(values[idx], dtype=object).astype(str)
    shaped = texts.str.fullmatch(r"[0-9]{13}").to_numpy(dtype=bool)
    good = np.zeros(len(idx), dtype=bool)
    if shaped.any():
        joined = "".join(texts[shaped]).encode("ascii")
        digits = (np.frombuffer(joined, dtype=np.uint8).astype(np.int64) - 48).reshape(-1, 13)
        expected = 9 - (digits[:, 1:] @ _WEIGHTS) % 9
        good[shaped] = digits[:, 0] == expected
    out = np.asarray(out, dtype=bool)
    out[idx] = good
    return out
