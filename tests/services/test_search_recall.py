"""Search across languages: the glossary (synonyms) and the Arabic normalisation raise recall on
60+ queries in French, Arabic, English and Moroccan Latin spellings (tests/search_recall.py)."""
from __future__ import annotations

from app.catalog import glossary
from app.catalog.params import CatalogueQuery
from app.exhibition.browse import catalogue
from app.extensions import db
from tests import search_recall
from tests.factories import make_product, make_translation


def test_the_glossary_raises_recall_in_every_language(app_ctx, capsys):
    assert len(search_recall.QUERIES) >= 60
    ids = search_recall.build_catalogue()
    glossary.seed()
    db.session.commit()
    before, _ = search_recall.measure(ids, with_glossary=False)
    after, misses = search_recall.measure(ids, with_glossary=True)
    with capsys.disabled():
        print("\n" + search_recall.table(before, after))
    assert after["all"].ratio >= 0.95, misses
    for language in search_recall.LANGUAGES:
        assert after[language].ratio >= 0.9, (language, misses)
        assert after[language].ratio > before[language].ratio, language


def found(query: str) -> list[str]:
    return sorted(card.title for card in catalogue(CatalogueQuery(q=query), "fr", per_page=50).cards)


def test_a_word_of_an_entry_finds_the_products_written_with_another(app_ctx):
    glossary.seed()
    rug = make_product(title="Tapis Beni Ouarain")
    make_product(title="زربية أمازيغية")
    make_translation(rug, "en", "Beni Ouarain rug")
    make_product(title="Tajine de Safi")
    db.session.commit()
    assert found("zarbiya") == found("rug") == found("الزربية") == ["Tapis Beni Ouarain", "زربية أمازيغية"]


def test_a_phrase_of_several_words_is_one_synonym(app_ctx):
    glossary.seed()
    make_product(title="الصابون البلدي")
    make_product(title="Savon de Marseille", description="Noir de monde au marché.")
    db.session.commit()
    assert found("black soap") == found("savon noir") == ["الصابون البلدي"]


def test_arabic_is_found_with_or_without_hamza_and_article(app_ctx):
    make_product(title="زيت الأركان")
    db.session.commit()
    assert found("اركان") == found("أركان") == found("الأركان") == ["زيت الأركان"]


def test_staff_edits_of_the_glossary_change_the_search_at_once(app_ctx):
    make_product(title="Khobz dar")
    db.session.commit()
    assert found("pain") == []
    entry = glossary.save_entry(None, name="bread", spellings="pain\nbread\nkhobz\nخبز", actor_id=None)
    db.session.commit()
    assert found("pain") == ["Khobz dar"]
    glossary.delete_entry(entry.id, actor_id=None)
    db.session.commit()
    assert found("pain") == []


def test_query_syntax_inside_the_glossary_is_harmless(app_ctx):
    glossary.save_entry(None, name="odd", spellings='tajine OR *\n"\nNEAR(\n- & |', actor_id=None)
    make_product(title="Tajine")
    db.session.commit()
    assert found("tajine") == ["Tajine"]
    assert found("near") == []
