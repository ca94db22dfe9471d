"""Latin spellings of names in other scripts, for ids ('Договор' -> 'dogovor').

Ids are machine names in Latin letters (they are typed after ``--role``, kept in save
files and file names); a scenario's *names* can be in any script. This table suggests
an id for a name: accents are dropped, and Cyrillic (Russian, Ukrainian, Belarusian,
Kazakh, Kyrgyz, Tajik), Georgian and Armenian letters are spelt in plain Latin letters
(a simple, readable romanisation, not a standard one).
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіїєґўҷҳӣӯ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "gh", "q", "ng",
     "o", "u", "u", "h", "i", "yi", "ye", "g", "w", "j", "h", "i", "u"]))
_GEORGIAN = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s", "t",
     "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"]))
_ARMENIAN = dict(zip(
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆև",
    ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz", "gh",
     "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r", "ts", "w", "p", "k", "o",
     "f", "ev"]))
_OTHER = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
          "ə": "e"}
_TABLE = {**_CYRILLIC, **_GEORGIAN, **_ARMENIAN, **_OTHER}


def _letter(ch: str) -> str:
    low = ch.lower()
    if low in _TABLE:
        return _TABLE[low]
    code = ord(ch)
    if 0x1C90 <= code <= 0x1CBF:  # Georgian capitals (Mtavruli) -> their Mkhedruli letter
        return _GEORGIAN.get(chr(code - 0x1C90 + 0x10D0), "")
    return ch


def latin(text: str) -> str:
    """``text`` in plain ASCII: accents dropped, other scripts romanised, anything else left out."""
    text = unicodedata.normalize("NFC", text).replace("ու", "u").replace("ՈՒ", "u").replace("Ու", "u")
    out = "".join(_letter(ch) for ch in text)
    out = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    return out.encode("ascii", "ignore").decode("ascii")


def suggest_id(text: str, fallback: str = "") -> str:
    """A valid id for a name ('Қазақстан' -> 'qazaqstan', 'Договор 1999' -> 'dogovor-1999')."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", latin(text)).strip("-_").lower()
    stem = re.sub(r"-{2,}", "-", stem)
    if stem and not stem[0].isalpha():
        stem = "id-" + stem
    return stem or fallback
