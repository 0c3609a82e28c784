"""Search recall across languages: a small catalogue written as suppliers write (mostly French, some
Arabic only, a little English) and queries in French, Arabic, English and Moroccan Latin spellings,
each with the products a shopper expects. Used by tests/services/test_search_recall.py and
bench/search_recall.py (which prints the table before and after the glossary).
"""
from __future__ import annotations

from dataclasses import dataclass

# key: (title, description, {locale: title} of translations)
CATALOGUE: dict[str, tuple[str, str, dict[str, str]]] = {
    "argan_oil": ("Huile d'argan alimentaire", "Pressée à froid par la coopérative, goût de noisette grillée.",
                  {"en": "Culinary argan oil"}),
    "argan_cosmetic": ("Huile d'argane cosmétique 100 ml", "Pour la peau et les cheveux.", {}),
    "argan_ar": ("زيت أركان بلدي", "من تعاونية نسائية في سوس.", {}),
    "amlou": ("Amlou aux amandes", "Amandes grillées, miel et huile d'argan.", {}),
    "amlou_ar": ("أملو بالكاوكاو", "", {}),
    "tajine_safi": ("Tajine de Safi émaillé", "Terre cuite peinte à la main.", {"ar": "طاجين آسفي"}),
    "tagine_en": ("Tagine pot, hand painted", "Glazed clay from Tamegroute.", {}),
    "tajine_ar": ("طاجين فخار تقليدي", "", {}),
    "zellige": ("Table basse en zellige de Fès", "Mosaïque taillée à la main.", {}),
    "zellige_ar": ("زليج بلدي أخضر", "", {}),
    "babouche": ("Babouches en cuir jaune", "Cuir de Fès tanné végétal.", {"en": "Yellow leather slippers"}),
    "balgha_ar": ("بلغة رجالية", "", {}),
    "rug_beni": ("Tapis Beni Ouarain", "Laine nouée main, fond écru.", {}),
    "rug_kilim": ("Kilim de l'Atlas", "Tissage plat, laine teinte.", {}),
    "rug_ar": ("زربية أمازيغية", "", {}),
    "rug_en": ("Boucharouite rag rug", "Recycled cotton strips.", {}),
    "saffron": ("Safran de Taliouine 2 g", "Pistils séchés, récolte d'automne.", {}),
    "saffron_ar": ("زعفران تالوين", "", {}),
    "dates": ("Dattes Mejhoul d'Erfoud", "Boîte de 1 kg.", {}),
    "dates_ar": ("تمر مجهول", "", {}),
    "honey": ("Miel de thym du Haut Atlas", "Récolte de montagne.", {"en": "Thyme honey"}),
    "honey_ar": ("عسل الدغموس", "", {}),
    "couscous": ("Couscous roulé main à l'orge", "Semoule d'orge roulée à la main.", {}),
    "couscous_ar": ("كسكس بلدي", "", {}),
    "henna": ("Henné naturel de Tafilalet", "Feuilles broyées.", {}),
    "henna_ar": ("حناء طبيعية", "", {}),
    "ghassoul": ("Rhassoul en poudre", "Argile lavante de l'Atlas.", {}),
    "ghassoul_ar": ("غاسول طبيعي", "", {}),
    "black_soap": ("Savon noir à l'eucalyptus", "Pour le hammam.", {}),
    "black_soap_ar": ("الصابون البلدي بزيت الزيتون", "", {}),
    "caftan": ("Caftan brodé en soie", "Fil d'or, coupe droite.", {}),
    "takchita_ar": ("تكشيطة مطرزة", "", {}),
    "djellaba": ("Jellaba en laine pour homme", "Capuche pointue.", {}),
    "djellaba_ar": ("جلابة صوفية", "", {}),
    "pouf": ("Pouf en cuir brodé", "À garnir.", {}),
    "lantern": ("Lanterne en cuivre ciselé", "Motifs étoilés.", {"en": "Chiselled copper lantern"}),
    "lantern_ar": ("فانوس نحاسي", "", {}),
    "teapot": ("Théière en maillechort", "Pour six verres.", {}),
    "basket": ("Panier en doum tressé", "Palmier nain de la région.", {}),
    "thuya": ("Boîte en bois de thuya", "Loupe marquetée d'Essaouira.", {}),
}

ARGAN = {"argan_oil", "argan_cosmetic", "argan_ar"}
AMLOU = {"amlou", "amlou_ar"}
TAJINE = {"tajine_safi", "tagine_en", "tajine_ar"}
ZELLIGE = {"zellige", "zellige_ar"}
BABOUCHE = {"babouche", "balgha_ar"}
RUG = {"rug_beni", "rug_kilim", "rug_ar", "rug_en"}
SAFFRON = {"saffron", "saffron_ar"}
DATES = {"dates", "dates_ar"}
HONEY = {"honey", "honey_ar"}
COUSCOUS = {"couscous", "couscous_ar"}
HENNA = {"henna", "henna_ar"}
GHASSOUL = {"ghassoul", "ghassoul_ar"}
BLACK_SOAP = {"black_soap", "black_soap_ar"}
CAFTAN = {"caftan", "takchita_ar"}
DJELLABA = {"djellaba", "djellaba_ar"}
LANTERN = {"lantern", "lantern_ar"}

# (query, language: fr / ar / en / darija = Moroccan Latin spellings, expected product keys)
QUERIES: list[tuple[str, str, set[str]]] = [
    ("argan", "fr", ARGAN), ("huile d'argan", "fr", ARGAN), ("amlou", "fr", AMLOU), ("tajine", "fr", TAJINE),
    ("zellige", "fr", ZELLIGE), ("mosaïque", "fr", ZELLIGE), ("babouches", "fr", BABOUCHE), ("tapis", "fr", RUG),
    ("kilim", "fr", {"rug_kilim"}), ("safran", "fr", SAFFRON), ("dattes", "fr", DATES), ("miel", "fr", HONEY),
    ("couscous", "fr", COUSCOUS), ("henné", "fr", HENNA), ("ghassoul", "fr", GHASSOUL),
    ("savon noir", "fr", BLACK_SOAP), ("caftan", "fr", CAFTAN), ("djellaba", "fr", DJELLABA), ("pouf", "fr", {"pouf"}),
    ("lanterne", "fr", LANTERN), ("théière", "fr", {"teapot"}), ("panier", "fr", {"basket"}),
    ("thuya", "fr", {"thuya"}),
    ("أركان", "ar", ARGAN), ("اركان", "ar", ARGAN), ("زيت أركان", "ar", ARGAN), ("أملو", "ar", AMLOU),
    ("طاجين", "ar", TAJINE), ("الطاجين", "ar", TAJINE), ("زليج", "ar", ZELLIGE), ("بلغة", "ar", BABOUCHE),
    ("زربية", "ar", RUG), ("الزربية", "ar", RUG), ("زعفران", "ar", SAFFRON), ("تمر", "ar", DATES),
    ("عسل", "ar", HONEY), ("كسكس", "ar", COUSCOUS), ("حناء", "ar", HENNA), ("غاسول", "ar", GHASSOUL),
    ("الصابون البلدي", "ar", BLACK_SOAP), ("قفطان", "ar", CAFTAN), ("جلابة", "ar", DJELLABA), ("بوف", "ar", {"pouf"}),
    ("فانوس", "ar", LANTERN), ("براد", "ar", {"teapot"}), ("سلة", "ar", {"basket"}), ("عرعار", "ar", {"thuya"}),
    ("argan oil", "en", ARGAN), ("tagine", "en", TAJINE), ("slippers", "en", BABOUCHE), ("rug", "en", RUG),
    ("carpet", "en", RUG), ("saffron", "en", SAFFRON), ("dates", "en", DATES), ("honey", "en", HONEY),
    ("henna", "en", HENNA), ("black soap", "en", BLACK_SOAP), ("kaftan", "en", CAFTAN), ("lantern", "en", LANTERN),
    ("teapot", "en", {"teapot"}), ("basket", "en", {"basket"}), ("mosaic tile", "en", ZELLIGE),
    ("zarbiya", "darija", RUG), ("zerbiya", "darija", RUG), ("belgha", "darija", BABOUCHE),
    ("balgha", "darija", BABOUCHE), ("zit argan", "darija", ARGAN), ("amlu", "darija", AMLOU),
    ("tmar", "darija", DATES), ("l3sel", "darija", HONEY), ("seksu", "darija", COUSCOUS), ("l7enna", "darija", HENNA),
    ("rhassoul", "darija", GHASSOUL), ("saboun beldi", "darija", BLACK_SOAP), ("jellaba", "darija", DJELLABA),
    ("fanous", "darija", LANTERN), ("berrad", "darija", {"teapot"}), ("zlij", "darija", ZELLIGE),
    ("takchita", "darija", CAFTAN), ("za3fran", "darija", SAFFRON),
]
LANGUAGES = ("fr", "ar", "en", "darija")


def build_catalogue() -> dict[str, int]:
    """The catalogue above through the factories (one verified supplier); product id by key."""
    from tests.factories import make_category, make_product, make_supplier, make_translation

    supplier, category = make_supplier(display_name="Coopérative Tifaout", craft="Artisanat"), make_category()
    ids = {}
    for key, (title, description, translations) in CATALOGUE.items():
        product = make_product(title=title, description=description, supplier=supplier, category=category)
        for locale, translated in translations.items():
            make_translation(product, locale, translated)
        ids[key] = product.id
    return ids


@dataclass
class Recall:
    found: int = 0
    expected: int = 0
    queries: int = 0

    @property
    def ratio(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def measure(ids: dict[str, int], with_glossary: bool) -> tuple[dict[str, Recall], list[str]]:
    """Recall per language (and "all"), and the queries that missed something."""
    from contextlib import nullcontext
    from unittest import mock

    from app.catalog import glossary, search
    from app.catalog.params import CatalogueQuery
    from app.exhibition.browse import catalogue

    by_language = {language: Recall() for language in (*LANGUAGES, "all")}
    misses = []
    without = mock.patch.object(glossary, "groups", lambda query, entries=None: search.groups_of(query))
    with nullcontext() if with_glossary else without:
        for query, language, expected in QUERIES:
            found_ids = {card.id for card in catalogue(CatalogueQuery(q=query), "fr", per_page=100).cards}
            hits = sum(ids[key] in found_ids for key in expected)
            for bucket in (by_language[language], by_language["all"]):
                bucket.found += hits
                bucket.expected += len(expected)
                bucket.queries += 1
            if hits < len(expected):
                misses.append(f"{query} ({language}): {hits}/{len(expected)}")
    return by_language, misses


def table(before: dict[str, Recall], after: dict[str, Recall]) -> str:
    lines = ["| language | queries | recall before | recall after |", "| --- | ---: | ---: | ---: |"]
    for language in (*LANGUAGES, "all"):
        lines.append(f"| {language} | {after[language].queries} | {before[language].ratio:.0%} "
                     f"({before[language].found}/{before[language].expected}) | {after[language].ratio:.0%} "
                     f"({after[language].found}/{after[language].expected}) |")
    return "\n".join(lines)
