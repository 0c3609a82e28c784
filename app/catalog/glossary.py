"""The shop's glossary: its crafts and products in French, Arabic, English and Moroccan Latin
spellings, used by the search as synonyms (query expansion), and kept by staff in the admin.

A shopper who types «زربية», "zarbiya", "rug" or "tapis" means the same thing, but a supplier wrote
only one of them. `groups(query)` turns the words of a query into groups of alternatives for
`app.catalog.search.match_expression`: a word (or a run of words) that is a spelling of an entry
may match any spelling of that entry. Arabic words are also normalised (hamza forms of alef, alef
maqsura, ta marbuta, short vowels and tatweel) and tried with and without the article «ال».
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import cache
from app.audit.services import record
from app.catalog import search
from app.catalog.models import GlossaryEntry
from app.errors import Invalid, NotFound
from app.extensions import db

MAX_PHRASE = 3  # words in the longest spelling looked up in a query
MAX_ALTERNATIVES = 64  # per group: keeps the full-text expression small whatever staff write

# The glossary the shop starts with (the migration and the demo load it; staff edit it after).
SEED: dict[str, list[str]] = {
    "argan": ["argan", "argane", "arganier", "argan tree", "أركان", "اركان", "أرگان", "argân"],
    "argan oil": ["huile d'argan", "huile argan", "argan oil", "zit argan", "zite argane", "زيت أركان",
                  "زيت الأركان", "زيت اركان"],
    "amlou": ["amlou", "amlu", "amalou", "amlo", "أملو", "املو", "أملو بلدي"],
    "tajine": ["tajine", "tagine", "tajin", "tagin", "طاجين", "طجين", "الطاجين"],
    "zellige": ["zellige", "zellij", "zelij", "zellij", "zlij", "zliij", "mosaïque", "mosaic tile", "زليج", "الزليج"],
    "babouche": ["babouche", "babouches", "balgha", "belgha", "blagha", "slippers", "leather slippers", "بلغة",
                 "البلغة", "بلاغي"],
    "rug": ["tapis", "zarbiya", "zerbiya", "zarbia", "zerbia", "rug", "carpet", "kilim", "hanbel", "boucharouite",
            "زربية", "الزربية", "زرابي", "حنبل"],
    "saffron": ["safran", "saffron", "zaafrane", "zaafran", "zafran", "za3fran", "زعفران", "الزعفران"],
    "dates": ["dattes", "datte", "dates", "tmar", "tmer", "majhoul", "mejhoul", "medjool", "تمر", "التمر",
              "مجهول"],
    "honey": ["miel", "honey", "3sel", "l3sel", "assel", "aassal", "عسل", "العسل"],
    "couscous": ["couscous", "seksu", "seksou", "sksou", "kesksou", "kuskus", "كسكس", "كسكسو", "الكسكس"],
    "henna": ["henné", "henne", "henna", "l7enna", "hanna", "حناء", "حنة", "الحناء"],
    "ghassoul": ["ghassoul", "rhassoul", "rassoul", "ghasoul", "lava clay", "argile du maroc", "غاسول",
                 "الغاسول"],
    "black soap": ["savon noir", "black soap", "saboun beldi", "sabon beldi", "savon beldi", "صابون بلدي",
                   "الصابون البلدي", "الصابون الأسود"],
    "caftan": ["caftan", "kaftan", "qaftan", "takchita", "tekchita", "قفطان", "القفطان", "تكشيطة"],
    "djellaba": ["djellaba", "jellaba", "jelaba", "djellabah", "jellabah", "جلابة", "الجلابة", "جلابية"],
    "pouf": ["pouf", "poufs", "pouffe", "ottoman", "بوف", "البوف"],
    "lantern": ["lanterne", "lantern", "fanous", "fanoos", "fanouss", "photophore", "فانوس", "الفانوس", "فنار"],
    "teapot": ["théière", "theiere", "teapot", "berrad", "barrad", "براد", "البراد"],
    "mint tea": ["thé à la menthe", "mint tea", "atay", "attay", "أتاي", "اتاي", "الشاي بالنعناع"],
    "basket": ["panier", "corbeille", "basket", "couffin", "salla", "قفة", "سلة", "السلة"],
    "olive oil": ["huile d'olive", "olive oil", "zit zitoun", "zit l3oud", "زيت الزيتون", "زيت زيتون"],
    "thuya": ["thuya", "thuja", "thuya wood", "ar3ar", "araar", "عرعار", "العرعار"],
    "pottery": ["poterie", "pottery", "céramique", "ceramic", "terre cuite", "fekhar", "fakhar", "فخار",
                "الفخار"],
    "jewellery": ["bijoux", "bijou", "jewellery", "jewelry", "7li", "مجوهرات", "حلي"],
    "silver": ["argent", "silver", "nokra", "noqra", "فضة", "الفضة", "نقرة"],
    "cushion": ["coussin", "cushion", "pillow", "mkhedda", "mkhadda", "مخدة", "وسادة"],
    "embroidery": ["broderie", "brodé", "embroidery", "embroidered", "terz", "tarz", "طرز", "مطرز", "مطرزة"],
    "leather": ["cuir", "leather", "jeld", "jild", "جلد", "الجلد"],
    "bag": ["sac", "bag", "chkara", "shkara", "شكارة", "حقيبة"],
    "spices": ["épices", "epices", "spices", "ras el hanout", "tawabil", "توابل", "رأس الحانوت"],
    "rose water": ["eau de rose", "rose water", "ma ward", "ماء الورد"],
    "mirror": ["miroir", "mirror", "mraya", "مرآة", "مراية"],
}

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda, sukun, dagger alef, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "گ": "ك", "ڭ": "ك"})
_ARTICLE = "ال"


class InvalidEntry(Invalid):
    """A glossary entry without a name or a spelling."""


# -- words ------------------------------------------------------------------------------

def normalise(word: str) -> str:
    """The form under which spellings are compared: lower case, no Latin accents, Arabic letters
    folded (أ إ آ → ا, ى → ي, ة → ه), no short vowels or tatweel, no article."""
    word = unicodedata.normalize("NFC", word.lower())
    if _ARABIC.search(word):
        word = _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)
        if word.startswith(_ARTICLE) and len(word) > 4:
            word = word[len(_ARTICLE):]
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" and not _ARABIC.search(word) else word


def arabic_forms(word: str) -> list[str]:
    """How an Arabic word may be written in a product's text: as typed, then its folded form with the
    usual spellings of its first alef (ا أ إ) and of its last letter (ه ة, ي ى), with and without «ال»."""
    if not _ARABIC.search(word):
        return [word]
    bare = normalise(word)
    firsts = ["ا", "أ", "إ"] if bare.startswith("ا") else [bare[:1]]
    lasts = {"ه": ["ه", "ة"], "ي": ["ي", "ى"]}.get(bare[-1:], [bare[-1:]])
    middle = bare[1:-1] if len(bare) > 1 else ""
    stems = [first + middle + last for first in firsts for last in lasts] if len(bare) > 1 else [bare]
    return list(dict.fromkeys([word, *stems, *(_ARTICLE + stem for stem in stems)]))


def phrases(spellings: str | Iterable[str]) -> list[tuple[str, ...]]:
    """The spellings of an entry as phrases of words (one spelling a line, or a list)."""
    lines = spellings.splitlines() if isinstance(spellings, str) else spellings
    found = [tuple(search.terms(line)) for line in lines]
    return list(dict.fromkeys(p for p in found if p))


# -- the index of spellings ---------------------------------------------------------------

def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(_singular(normalise(w)) for w in words)


@lru_cache(maxsize=8)
def _index(entries: tuple[tuple[str, str], ...]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Normalised spelling → every spelling of its entry (built once per content of the glossary)."""
    index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for _name, spellings in entries:
        alternatives = phrases(spellings)
        for phrase in alternatives:
            index.setdefault(_key(phrase), []).extend(alternatives)
    return index


def load() -> tuple[tuple[str, str], ...]:
    """The glossary's content as plain values: one query, kept in the site's cache as the filter
    lists are (REFERENCE_CACHE_SECONDS), so a staff edit reaches every server within a minute."""
    def read() -> tuple[tuple[str, str], ...]:
        return tuple(db.session.execute(select(GlossaryEntry.name, GlossaryEntry.spellings)
                                        .order_by(GlossaryEntry.name)).tuples())
    return cache.remember("glossary", current_app.config["REFERENCE_CACHE_SECONDS"], read)


def groups(query: str, entries: tuple[tuple[str, str], ...] | None = None) -> list[list[tuple[str, ...]]]:
    """The query's words as groups of alternatives for the full-text search.

    The longest run of words (up to MAX_PHRASE) that is a spelling of an entry becomes one group
    holding what was typed and every spelling of the entry; other words keep their own group (with
    their Arabic forms). `entries` defaults to the glossary in the database.
    """
    words = search.terms(query)
    if not words:
        return []
    index = _index(load() if entries is None else entries)
    result: list[list[tuple[str, ...]]] = []
    start = 0
    while start < len(words):
        for length in range(min(MAX_PHRASE, len(words) - start), 0, -1):
            typed = tuple(words[start:start + length])
            synonyms = index.get(_key(typed))
            if synonyms or length == 1:
                break
        alternatives = [typed, *(synonyms or [])]
        expanded = [(*phrase[:-1], form) for phrase in alternatives for form in arabic_forms(phrase[-1])]
        result.append(list(dict.fromkeys(expanded))[:MAX_ALTERNATIVES])
        start += length
    return result


# -- staff edits ------------------------------------------------------------------------------

def save_entry(entry_id: int | None, *, name: str, spellings: str, actor_id: int) -> GlossaryEntry:
    """Create or change an entry; its spellings are kept one a line, as staff wrote them."""
    name = " ".join(name.split())
    lines = [" ".join(line.split()) for line in spellings.splitlines()]
    lines = list(dict.fromkeys(line for line in lines if search.terms(line)))
    if not name:
        raise InvalidEntry(_l("Please give the entry a name."))
    if not lines:
        raise InvalidEntry(_l("Please give at least one spelling."))
    clash = db.session.scalar(select(GlossaryEntry.id).where(GlossaryEntry.name == name))
    if clash is not None and clash != entry_id:
        raise InvalidEntry(_l("Another entry already has this name."))
    if entry_id is None:
        entry = GlossaryEntry(name=name)
        db.session.add(entry)
    else:
        entry = entry_by_id(entry_id)
        entry.name = name
    entry.spellings = "\n".join(lines)
    db.session.flush()
    record("glossary.saved", "glossary_entry", entry.id, actor_id, name=name)
    return entry


def delete_entry(entry_id: int, *, actor_id: int) -> None:
    entry = entry_by_id(entry_id)
    record("glossary.deleted", "glossary_entry", entry.id, actor_id, name=entry.name)
    db.session.delete(entry)
    db.session.flush()


def entry_by_id(entry_id: int) -> GlossaryEntry:
    entry = db.session.get(GlossaryEntry, entry_id)
    if entry is None:
        raise NotFound()
    return entry


def entries() -> list[GlossaryEntry]:
    return list(db.session.scalars(select(GlossaryEntry).order_by(GlossaryEntry.name)))


def seed_rows() -> list[dict]:
    """The starting glossary as rows (the migration inserts them; so does the demo)."""
    return [{"name": name, "spellings": "\n".join(spellings)} for name, spellings in SEED.items()]


def seed() -> int:
    """Add the starting entries that are missing (idempotent); how many were added."""
    present = set(db.session.scalars(select(GlossaryEntry.name)))
    missing = [row for row in seed_rows() if row["name"] not in present]
    db.session.add_all(GlossaryEntry(**row) for row in missing)
    db.session.flush()
    return len(missing)
