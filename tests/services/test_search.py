"""Full-text search: French, Arabic and English, accents, translations, supplier and craft, kept current."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from app import cache as app_cache
from app.catalog import search
from app.catalog.queries import CatalogueQuery
from app.exhibition.browse import catalogue
from app.extensions import db
from tests.factories import make_category, make_product, make_supplier, make_translation


def found(query: str) -> list[str]:
    page = catalogue(CatalogueQuery(q=query), "fr", per_page=50)
    return sorted(card.title for card in page.cards)


def test_french_words_and_prefixes_are_found(app_ctx):
    make_product(title="Tajine de Safi", description="Terre cuite émaillée, peinte à la main.")
    make_product(title="Tapis berbère", description="Laine nouée.")
    db.session.commit()
    assert found("tajine") == ["Tajine de Safi"]
    assert found("taj") == ["Tajine de Safi"]
    assert found("laine") == ["Tapis berbère"]


def test_accents_do_not_matter_either_way(app_ctx):
    make_product(title="Thé à la menthe", description="Mélange séché.")
    make_product(title="Berbere carpet", description="")
    db.session.commit()
    assert found("the") == ["Thé à la menthe"]
    assert found("thé") == ["Thé à la menthe"]
    assert found("melange seche") == ["Thé à la menthe"]
    assert found("berbère") == ["Berbere carpet"]


def test_arabic_words_are_found(app_ctx):
    make_product(title="زيت أركان", description="زيت أركان عضوي من سوس")
    make_product(title="Poterie", description="")
    db.session.commit()
    assert found("زيت") == ["زيت أركان"]
    assert found("سوس") == ["زيت أركان"]


def test_english_and_translated_titles_are_found(app_ctx):
    oil = make_product(title="Huile d'argan", description="Pressée à froid.")
    make_translation(oil, "en", "Argan oil", "Cold pressed argan oil.")
    make_translation(oil, "ar", "زيت أركان")
    db.session.commit()
    assert found("oil") == ["Huile d'argan"]
    assert found("pressed") == ["Huile d'argan"]
    assert found("أركان") == ["Huile d'argan"]


def test_supplier_name_and_craft_are_searchable(app_ctx):
    potter = make_supplier(display_name="Khadija Amrani", craft="Poterie")
    make_product(title="Assiette", supplier=potter)
    make_product(title="Sac", supplier=make_supplier(display_name="Youssef", craft="Maroquinerie"))
    db.session.commit()
    assert found("amrani") == ["Assiette"]
    assert found("maroquinerie") == ["Sac"]


def test_every_word_must_match(app_ctx):
    make_product(title="Tajine rouge")
    make_product(title="Tajine bleu")
    db.session.commit()
    assert found("tajine bleu") == ["Tajine bleu"]


def test_query_syntax_is_harmless(app_ctx):
    make_product(title="Tajine")
    db.session.commit()
    for query in ('"', "tajine OR *", "NEAR(", "a:b", "'", "tajine & | !", "-", "(((", "\\"):
        catalogue(CatalogueQuery(q=query), "fr", per_page=5)
    assert found('taj"ine') == []
    assert found("tajine)") == ["Tajine"]


def test_search_combines_with_filters(app_ctx):
    pottery, metal = make_category(slug="pottery"), make_category(slug="metal")
    make_product(title="Tajine en terre", category=pottery, price_centimes=20000)
    make_product(title="Tajine en cuivre", category=metal, price_centimes=90000)
    make_product(title="Tajine miniature", category=pottery, price_centimes=3000)
    db.session.commit()
    page = catalogue(CatalogueQuery(q="tajine", category="pottery", min_price=10000), "fr")
    assert [card.title for card in page.cards] == ["Tajine en terre"]


def test_hidden_products_are_not_found(app_ctx):
    from app.catalog.models import ListingStatus

    make_product(title="Tajine caché", status=ListingStatus.DRAFT)
    make_product(title="Tajine inconnu", supplier=make_supplier(verified=False))
    db.session.commit()
    assert found("tajine") == []


def test_index_follows_edits_of_products_translations_and_suppliers(app_ctx):
    supplier = make_supplier(display_name="Aicha")
    product = make_product(title="Panier", supplier=supplier)
    translation = make_translation(product, "en", "Basket")
    db.session.commit()
    product.title = "Corbeille"
    translation.title = "Hamper"
    supplier.display_name = "Zineb"
    db.session.commit()
    assert found("panier") == [] and found("basket") == [] and found("aicha") == []
    assert found("corbeille") == ["Corbeille"] and found("hamper") == ["Corbeille"] and found("zineb") == ["Corbeille"]
    db.session.delete(translation)
    db.session.commit()
    assert found("hamper") == []


def test_relevance_puts_title_matches_first(app_ctx):
    make_product(title="Assiette", description="Pour servir le couscous.")
    make_product(title="Couscoussier", description="En aluminium.")
    db.session.commit()
    page = catalogue(CatalogueQuery(q="couscous"), "fr")
    assert [card.title for card in page.cards] == ["Couscoussier", "Assiette"]


def test_install_is_idempotent_and_deleting_products_empties_the_index(app_ctx):
    make_product(title="Tajine")
    db.session.commit()
    with db.engine.begin() as conn:
        search.install(conn)
        search.install(conn)
        assert search.matching_ids(conn, "tajine")
    from app.catalog.models import Product
    for product in db.session.scalars(db.select(Product)):
        db.session.delete(product)
    db.session.commit()
    assert index_size() == 0


def index_size() -> int:
    return db.session.scalar(text(f"SELECT count(*) FROM {search.INDEX}"))


def test_each_test_starts_with_an_empty_index(app_ctx):
    assert index_size() == 0
    make_product(title="Tajine")
    db.session.commit()
    assert index_size() == 1


def test_and_the_next_test_too(app_ctx):
    assert index_size() == 0


def test_uninstall_then_install_gives_back_a_complete_index(app_ctx):
    make_product(title="Tajine")
    db.session.commit()
    with db.engine.begin() as conn:
        search.uninstall(conn)
    make_product(title="Tapis")  # writing products must still work without the index
    db.session.commit()
    with db.engine.begin() as conn:
        search.install(conn)
    assert found("tajine") == ["Tajine"] and found("tapis") == ["Tapis"]


def test_rebuild_reindexes_everything(app_ctx):
    make_product(title="Tajine")
    db.session.commit()
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM {search.INDEX}")
    assert found("tajine") == []
    with db.engine.begin() as conn:
        search.rebuild(conn)
    assert found("tajine") == ["Tajine"]


# -- bounded ranking -------------------------------------------------------------------------

def analyze_index() -> None:
    """PostgreSQL reads word frequencies from ANALYZE's statistics; SQLite probes the index."""
    if db.engine.dialect.name == "postgresql":
        db.session.commit()
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(f"ANALYZE {search.INDEX}")


def test_a_word_in_most_of_the_catalogue_is_a_stop_word_for_ranking(app_ctx, monkeypatch):
    monkeypatch.setattr(search, "PROBE", 4)
    for i in range(8):
        make_product(title=f"Bol {i}", description="Fait main au Maroc.")
    make_product(title="Tajine", description="Fait main au Maroc.")
    db.session.commit()
    analyze_index()
    groups = search.groups_of("tajine fait")
    assert search.common_groups(db.session.connection(), groups) == [False, True]
    values = search.search_values(db.session.connection(), groups, ranked=True)
    assert values["rank_query"] == search.match_expression(groups[:1], db.engine.dialect.name)
    assert found("tajine fait") == ["Tajine"]


def test_postgresql_word_frequencies_are_read_once_per_reference_period(app_ctx, monkeypatch):
    """Word frequencies come from ANALYZE, not from each search: kept REFERENCE_CACHE_SECONDS."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip(reason="SQLite probes the index instead of reading statistics")
    for i in range(8):
        make_product(title=f"Bol {i}", description="Fait main au Maroc.")
    db.session.commit()
    analyze_index()
    monkeypatch.setitem(app_ctx.config, "REFERENCE_CACHE_SECONDS", 60)
    app_cache.clear()
    assert "fait" in search.frequent_words(db.session.connection())
    for i in range(24):  # "fait" is now in a quarter of the catalogue
        make_product(title=f"Tajine {i}", description="Terre de Safi.")
    db.session.commit()
    analyze_index()
    assert "fait" in search.frequent_words(db.session.connection())  # remembered, not read again
    monkeypatch.setitem(app_ctx.config, "REFERENCE_CACHE_SECONDS", 0)
    assert "fait" not in search.frequent_words(db.session.connection())


def test_a_search_of_common_words_only_lists_the_newest_matches(app_ctx, monkeypatch):
    monkeypatch.setattr(search, "PROBE", 4)
    ids = [make_product(title=f"Bol {i}", description="Fait main.").id for i in range(8)]
    db.session.commit()
    analyze_index()
    assert "rank_query" not in search.search_values(db.session.connection(), search.groups_of("fait main"), True)
    page = catalogue(CatalogueQuery(q="fait main"), "fr", per_page=3)
    assert [card.id for card in page.cards] == sorted(ids, reverse=True)[:3]


def test_relevance_scores_only_the_newest_matches_but_other_sorts_see_every_match(app_ctx, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    cheapest = make_product(title="Tajine ancien", price_centimes=1000)
    for i in range(5):
        make_product(title=f"Tajine {i}", price_centimes=5000 + i)
    db.session.commit()
    assert len(catalogue(CatalogueQuery(q="tajine"), "fr", per_page=50).cards) == 3
    by_price = catalogue(CatalogueQuery(q="tajine", sort="price_asc"), "fr", per_page=50).cards
    assert len(by_price) == 6 and by_price[0].id == cheapest.id


def test_every_word_is_matched_as_a_prefix_whatever_its_length(app_ctx):
    make_product(title="Couscoussier en aluminium")
    db.session.commit()
    for prefix in ("co", "cou", "cous", "cousc", "couscou", "couscoussier"):
        assert found(prefix) == ["Couscoussier en aluminium"], prefix
