"""Full-text search over products: FTS5 on SQLite, tsvector on PostgreSQL, behind one service.

The index covers every product (title, description, translations, supplier name and craft);
who may *see* a hit is decided by `app.catalog.queries.published_products`, not here.
It is kept current by triggers in the database, so it stays right whatever code writes the
rows (the ORM, a bulk seeder, a migration, psql by hand).

Relevance is bounded: only the RANK_WINDOW newest matches are scored (bm25 / ts_rank), because
scoring is the costly part and a word found in most of the catalogue would otherwise score it
all on every search. The window is read from the index in id order, which stops early.
"""
# ruff: noqa: S608  (the SQL below is assembled from module constants only; user input is bound)
from __future__ import annotations

import re
from collections.abc import Sequence

from flask import current_app
from sqlalchemy import Float, Integer, String, TextClause, bindparam, column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import TextualSelect

from app import cache

INDEX = "product_search"
# Words of at least one letter or digit in any script; everything else (quotes, operators,
# punctuation) is dropped so a visitor's input can never become query syntax.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8
# How many of the newest matches a relevance-sorted search scores: 40 pages of 24, and a bounded
# cost whatever the words (`fait main` is in every description).
RANK_WINDOW = 300

# -- SQLite: an FTS5 table holding its own copy, rowid = product id -------------------------
# Prefix indexes up to six letters: a prefix query (`main*`) then reads one doclist instead of
# merging every term that starts with it (30 ms for a word of every description, 0.5 ms with).

_SQLITE_ROW = """
SELECT p.id, p.title, p.description, s.display_name || ' ' || s.trade_name, s.craft,
       coalesce((SELECT group_concat(t.title || ' ' || t.description, ' ')
                 FROM product_translations t WHERE t.product_id = p.id), '')
FROM products p JOIN suppliers s ON s.id = p.supplier_id
"""
_SQLITE_INSERT = f"INSERT INTO {INDEX}(rowid, title, description, supplier, craft, translations) {_SQLITE_ROW}"


def _sqlite_refresh(product_id: str) -> str:
    return f"DELETE FROM {INDEX} WHERE rowid = {product_id}; {_SQLITE_INSERT} WHERE p.id = {product_id};"


SQLITE_DDL = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5(
        title, description, supplier, craft, translations,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6')""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_product_insert AFTER INSERT ON products BEGIN
        {_sqlite_refresh('new.id')} END""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_product_update
        AFTER UPDATE OF title, description, supplier_id ON products BEGIN
        DELETE FROM {INDEX} WHERE rowid = old.id; {_sqlite_refresh('new.id')} END""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_product_delete AFTER DELETE ON products BEGIN
        DELETE FROM {INDEX} WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_translation_insert AFTER INSERT ON product_translations BEGIN
        {_sqlite_refresh('new.product_id')} END""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_translation_update AFTER UPDATE ON product_translations BEGIN
        {_sqlite_refresh('old.product_id')} {_sqlite_refresh('new.product_id')} END""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_translation_delete AFTER DELETE ON product_translations BEGIN
        {_sqlite_refresh('old.product_id')} END""",
    f"""CREATE TRIGGER IF NOT EXISTS {INDEX}_supplier_update
        AFTER UPDATE OF display_name, trade_name, craft ON suppliers BEGIN
        DELETE FROM {INDEX} WHERE rowid IN (SELECT id FROM products WHERE supplier_id = new.id);
        {_SQLITE_INSERT} WHERE p.supplier_id = new.id; END""",
]
# Title and translated titles weigh most, then supplier and craft, then descriptions.
SQLITE_RANK = f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('rank', 'bm25(10.0, 1.0, 4.0, 4.0, 6.0)')"

# -- PostgreSQL: a tsvector per product with a GIN index -----------------------------------
# 'simple' keeps every word of every language (no French stemming that would mangle Arabic);
# accents are folded by souk_fold (the unaccent extension needs a superuser to install).
_ACCENTED = "àáâãäåāçćčèéêëēėęìíîïīñńòóôõöøōùúûüūýÿžźżœæ"
_PLAIN = "aaaaaaaccceeeeeeeiiiiinnooooooouuuuuyyzzzoa"

POSTGRES_DDL = [
    f"""CREATE TABLE IF NOT EXISTS {INDEX} (
        product_id integer PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    f"CREATE INDEX IF NOT EXISTS ix_{INDEX}_document ON {INDEX} USING GIN (document)",
    f"""CREATE OR REPLACE FUNCTION souk_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT translate(lower(coalesce(value, '')), '{_ACCENTED}', '{_PLAIN}') $$""",
    f"""CREATE OR REPLACE FUNCTION souk_refresh_product_search(pid integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO {INDEX}(product_id, document)
        SELECT p.id,
               setweight(to_tsvector('simple', souk_fold(p.title)), 'A')
               || setweight(to_tsvector('simple', souk_fold(coalesce(tr.titles, ''))), 'A')
               || setweight(to_tsvector('simple', souk_fold(s.display_name || ' ' || s.trade_name
                                                            || ' ' || s.craft)), 'B')
               || setweight(to_tsvector('simple', souk_fold(p.description || ' '
                                                            || coalesce(tr.descriptions, ''))), 'C')
        FROM products p JOIN suppliers s ON s.id = p.supplier_id
        LEFT JOIN LATERAL (SELECT string_agg(t.title, ' ') AS titles, string_agg(t.description, ' ') AS descriptions
                           FROM product_translations t WHERE t.product_id = p.id) tr ON true
        WHERE p.id = pid
        ON CONFLICT (product_id) DO UPDATE SET document = EXCLUDED.document $$""",
    """CREATE OR REPLACE FUNCTION souk_product_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_TABLE_NAME = 'products' THEN
            PERFORM souk_refresh_product_search(NEW.id);
          ELSIF TG_TABLE_NAME = 'product_translations' THEN
            IF TG_OP <> 'INSERT' THEN PERFORM souk_refresh_product_search(OLD.product_id); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM souk_refresh_product_search(NEW.product_id); END IF;
          ELSIF TG_TABLE_NAME = 'suppliers' THEN
            PERFORM souk_refresh_product_search(p.id) FROM products p WHERE p.supplier_id = NEW.id;
          END IF;
          RETURN NULL;
        END $$""",
    f"DROP TRIGGER IF EXISTS {INDEX}_products ON products",
    f"""CREATE TRIGGER {INDEX}_products AFTER INSERT OR UPDATE OF title, description, supplier_id ON products
        FOR EACH ROW EXECUTE FUNCTION souk_product_search_trigger()""",
    f"DROP TRIGGER IF EXISTS {INDEX}_translations ON product_translations",
    f"""CREATE TRIGGER {INDEX}_translations AFTER INSERT OR UPDATE OR DELETE ON product_translations
        FOR EACH ROW EXECUTE FUNCTION souk_product_search_trigger()""",
    f"DROP TRIGGER IF EXISTS {INDEX}_suppliers ON suppliers",
    f"""CREATE TRIGGER {INDEX}_suppliers AFTER UPDATE OF display_name, trade_name, craft ON suppliers
        FOR EACH ROW EXECUTE FUNCTION souk_product_search_trigger()""",
]


def is_search_table(name: str | None) -> bool:
    """Tables of the search index (and FTS5's shadow tables): made by `install`, not by the models."""
    return bool(name) and name.startswith(INDEX)


def include_in_migrations(name: str | None, type_: str, parent_names: dict) -> bool:
    """Autogenerate ignores the search index: `install` owns it (Alembic's `include_name` hook)."""
    return not (type_ == "table" and is_search_table(name))


def install(connection: Connection) -> None:
    """Create the search structures the ORM metadata cannot express (idempotent; migrations and tests).

    Products already in the database are indexed when the index is first created.
    """
    dialect = connection.dialect.name
    if dialect == "sqlite":
        existed = _sqlite_has_index(connection)
        for statement in SQLITE_DDL:
            connection.exec_driver_sql(statement)
        if not existed:
            connection.exec_driver_sql(SQLITE_RANK)
            connection.exec_driver_sql(_SQLITE_INSERT)
    elif dialect == "postgresql":
        for statement in POSTGRES_DDL:
            connection.exec_driver_sql(statement.replace("%", "%%"))
        connection.execute(text(
            f"SELECT souk_refresh_product_search(p.id) FROM products p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {INDEX} s WHERE s.product_id = p.id)"
        ))
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"full-text search is not available on {dialect}")


def recreate(connection: Connection) -> None:
    """Build the index again with the current definition (a migration that changes it)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX}")
    install(connection)


def rebuild(connection: Connection) -> None:
    """Index every product again from scratch (after a bulk load done with the triggers off)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DELETE FROM {INDEX}")
        connection.exec_driver_sql(_SQLITE_INSERT)
    else:
        connection.exec_driver_sql(f"DELETE FROM {INDEX}")
        connection.execute(text("SELECT souk_refresh_product_search(p.id) FROM products p"))


def uninstall(connection: Connection) -> None:
    """Remove the search structures (migration downgrade)."""
    if connection.dialect.name == "sqlite":
        for trigger in ("product_insert", "product_update", "product_delete", "translation_insert",
                        "translation_update", "translation_delete", "supplier_update"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {INDEX}_{trigger}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX}")
    else:
        for name, on in (("products", "products"), ("translations", "product_translations"),
                         ("suppliers", "suppliers")):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {INDEX}_{name} ON {on}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX}")
        connection.exec_driver_sql("DROP FUNCTION IF EXISTS souk_product_search_trigger()")
        connection.exec_driver_sql("DROP FUNCTION IF EXISTS souk_refresh_product_search(integer)")
        connection.exec_driver_sql("DROP FUNCTION IF EXISTS souk_fold(text)")


def _sqlite_has_index(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX,)
    ).first()
    return found is not None


def terms(query: str) -> list[str]:
    """The words of a visitor's query, at most MAX_TERMS, syntax stripped."""
    return _WORD.findall(query or "")[:MAX_TERMS]


# A query is a list of groups that must all match; a group is a list of alternatives (the words
# typed, and the glossary's synonyms); an alternative is a phrase of one or more words.
Phrase = Sequence[str]
Group = Sequence[Phrase]


def groups_of(query: str) -> list[list[tuple[str, ...]]]:
    """The query's words as groups of one alternative each (no synonyms)."""
    return [[(word,)] for word in terms(query)]


def match_expression(query: str | Sequence[Group], dialect: str) -> str | None:
    """What to bind as `:fts_query` for `hits_statement`: every group must match, any of its
    alternatives will do, the last word of each phrase as a prefix. None if there is no word."""
    groups = groups_of(query) if isinstance(query, str) else [g for g in query if g]
    if not groups:
        return None
    if dialect == "sqlite":
        return " AND ".join("(" + " OR ".join(_sqlite_phrase(p) for p in group) + ")" for group in groups)
    return " & ".join("(" + " | ".join(_postgres_phrase(p) for p in group) + ")" for group in groups)


def _prefix(word: str) -> bool:
    # A one-letter prefix would match most of the catalogue: single letters must match whole words.
    return len(word) > 1


def _sqlite_phrase(phrase: Phrase) -> str:
    words = [w for w in phrase if _WORD.fullmatch(w)]
    return '"' + " ".join(words) + '"' + ("*" if _prefix(words[-1]) else "")


def _postgres_phrase(phrase: Phrase) -> str:
    words = [w for w in phrase if _WORD.fullmatch(w)]
    last = len(words) - 1
    return "(" + " <-> ".join(f"'{w}'" + (":*" if i == last and _prefix(w) else "") for i, w in enumerate(words)) + ")"


# -- the searches -----------------------------------------------------------------------------
# A group found in more than COMMON_SHARE of the newest products is a stop-word for ranking: it
# still has to match, but it is not scored. Scoring it costs a pass over its whole doclist (bm25
# counts the documents of every phrase it scores) and tells the products apart no better.
# The share is estimated from the PROBE newest matches: PROBE matches within 2 * PROBE products.
COMMON_SHARE = 0.5
PROBE = 200

_SQLITE_PROBE = (f"SELECT count(*), min(rowid), (SELECT max(rowid) FROM {INDEX}) FROM (SELECT rowid FROM {INDEX} "
                 f"WHERE {INDEX} MATCH :q{{n}} ORDER BY rowid DESC LIMIT :probe)")
# PostgreSQL already keeps the share of rows holding each frequent word (ANALYZE's statistics of
# the tsvector column): reading them costs no scan of the index.
_POSTGRES_COMMON = text(f"""SELECT e.word FROM pg_stats s,
    unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, share)
    WHERE s.schemaname = current_schema() AND s.tablename = '{INDEX}' AND s.attname = 'document'
    AND e.word IS NOT NULL AND e.share >= :share""")
_FOLD = str.maketrans(_ACCENTED, _PLAIN)


def frequent_words(connection: Connection) -> tuple[str, ...]:
    """PostgreSQL: the words ANALYZE found in at least COMMON_SHARE of the index, kept in the site's
    cache (REFERENCE_CACHE_SECONDS) like the glossary: they change with each ANALYZE, not with each
    search, and reading pg_stats costs a search a round trip and ~2 ms of planning."""
    def read() -> tuple[str, ...]:
        return tuple(connection.execute(_POSTGRES_COMMON, {"share": COMMON_SHARE}).scalars())
    return cache.remember(f"search:frequent:{COMMON_SHARE}", current_app.config["REFERENCE_CACHE_SECONDS"], read)


def common_groups(connection: Connection, groups: Sequence[Group]) -> list[bool]:
    """Which groups match most of the catalogue (an estimate), in one query.

    A group is common when one of its alternatives is a single word found in most products.
    """
    if not groups:
        return []
    if connection.dialect.name == "sqlite":
        sql = " UNION ALL ".join(f"SELECT {n} AS n, * FROM ({_SQLITE_PROBE.format(n=n)})" for n in range(len(groups)))
        values: dict = {f"q{n}": match_expression([group], "sqlite") for n, group in enumerate(groups)}
        values["probe"] = PROBE
        common = [False] * len(groups)
        for n, found, oldest, newest in connection.execute(text(sql), values):
            common[n] = found == PROBE and found >= COMMON_SHARE * (newest - oldest + 1)
        return common
    frequent = frequent_words(connection)

    def is_common(phrase: Phrase) -> bool:
        word = phrase[0].lower().translate(_FOLD)
        return len(phrase) == 1 and any(f == word or (_prefix(word) and f.startswith(word)) for f in frequent)

    return [any(is_common(phrase) for phrase in group) for group in groups]


_TSQUERY = "to_tsquery('simple'::regconfig, souk_fold(CAST(:{name} AS text)))"
_SQLITE_MATCHES = f"SELECT rowid AS product_id, 0.0 AS rank FROM {INDEX} WHERE {INDEX} MATCH :fts_query"
_SQLITE_NEWEST = f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH :fts_query ORDER BY rowid DESC LIMIT :rank_window"
_SQLITE_WINDOW = f"SELECT rowid AS product_id, 0.0 AS rank FROM ({_SQLITE_NEWEST})"
# bm25 over the window only: the rows of the index at or above the window's oldest id.
_SQLITE_RANKED = f"""SELECT newest.rowid AS product_id, coalesce(scored.rank, 0.0) AS rank
    FROM ({_SQLITE_NEWEST}) AS newest LEFT JOIN (SELECT rowid, rank FROM {INDEX} WHERE {INDEX} MATCH :rank_query
               AND rowid >= (SELECT min(rowid) FROM ({_SQLITE_NEWEST}))) AS scored ON scored.rowid = newest.rowid"""
_POSTGRES_MATCHES = f"SELECT product_id, 0.0 AS rank FROM {INDEX} WHERE document @@ {_TSQUERY.format(name='fts_query')}"
# When every word is common the matches are dense: walking the primary key backwards finds the
# window at once. Otherwise they are sparse: the GIN bitmap finds them all, then the newest are kept
# (ordering by `product_id + 0` keeps the planner from walking the whole key for a rare word).
_POSTGRES_NEWEST = (f"SELECT product_id FROM {INDEX} WHERE document @@ {_TSQUERY.format(name='fts_query')} "
                    "ORDER BY product_id{plus} DESC LIMIT :rank_window")
_POSTGRES_WINDOW = f"SELECT product_id, 0.0 AS rank FROM ({_POSTGRES_NEWEST.format(plus='')}) AS newest"
_POSTGRES_RANKED = (f"SELECT s.product_id, -ts_rank(s.document, {_TSQUERY.format(name='rank_query')}) AS rank "
                    f"FROM ({_POSTGRES_NEWEST.format(plus=' + 0')}) AS newest "
                    f"JOIN {INDEX} AS s ON s.product_id = newest.product_id")


def hits_statement(dialect: str, ranked: bool = True, scored: bool = True) -> TextualSelect:
    """A selectable of (product_id, rank) for the bound parameters `fts_query` (what must match)
    and, when `scored`, `rank_query` (the groups to score); lower rank is better.

    Ranked: the RANK_WINDOW newest matches, scored on `rank_query` (rank 0 when not `scored`: every
    group was a stop-word). Not ranked: every match, rank 0 (a search sorted by price or date needs
    no score and must not miss a cheaper match).
    """
    sqlite = dialect == "sqlite"
    if not ranked:
        sql = _SQLITE_MATCHES if sqlite else _POSTGRES_MATCHES
    elif not scored:
        sql = _SQLITE_WINDOW if sqlite else _POSTGRES_WINDOW
    else:
        sql = _SQLITE_RANKED if sqlite else _POSTGRES_RANKED
    binds = [bindparam("fts_query", type_=String)]
    if ranked:
        binds.append(bindparam("rank_window", type_=Integer))
        if scored:
            binds.append(bindparam("rank_query", type_=String))
    statement: TextClause = text(sql).bindparams(*binds)
    return statement.columns(column("product_id", Integer), column("rank", Float))


def search_values(connection: Connection, groups: Sequence[Group], ranked: bool) -> dict[str, str | int]:
    """The values to bind for `hits_statement` (`rank_query` only when some group is worth scoring)."""
    dialect = connection.dialect.name
    expression = match_expression(groups, dialect)
    if expression is None:
        return {}
    values: dict[str, str | int] = {"fts_query": expression}
    if ranked:
        values["rank_window"] = RANK_WINDOW
        rare = [group for group, common in zip(groups, common_groups(connection, groups), strict=True) if not common]
        if rare:
            values["rank_query"] = match_expression(rare, dialect)
    return values


def matching_ids(connection: Connection, query: str) -> list[int]:
    """Ids of the products (public or not) whose text matches `query`, best first (tests, tools)."""
    values = search_values(connection, groups_of(query), ranked=True)
    if not values:
        return []
    hits = hits_statement(connection.dialect.name, scored="rank_query" in values).subquery()
    statement = select(hits.c.product_id).order_by(hits.c.rank, hits.c.product_id.desc())
    return list(connection.execute(statement, values).scalars())
