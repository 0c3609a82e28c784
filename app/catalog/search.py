"""Full-text search over products: FTS5 on SQLite, tsvector on PostgreSQL, behind one service.

The index covers every product (title, description, translations, supplier name and craft);
who may *see* a hit is decided by `app.catalog.queries.published_products`, not here.
It is kept current by triggers in the database, so it stays right whatever code writes the
rows (the ORM, a bulk seeder, a migration, psql by hand).
"""
# ruff: noqa: S608  (the SQL below is assembled from module constants only; user input is bound)
from __future__ import annotations

import re

from sqlalchemy import Select, String, bindparam, column, func, literal_column, select, table, text
from sqlalchemy.engine import Connection

INDEX = "product_search"
# Words of at least one letter or digit in any script; everything else (quotes, operators,
# punctuation) is dropped so a visitor's input can never become query syntax.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

# -- SQLite: an FTS5 table holding its own copy, rowid = product id -------------------------

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
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
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


def match_expression(query: str, dialect: str) -> str | None:
    """What to bind as `:fts_query` for `hits_statement`: every word, as a prefix. None if no word."""
    words = terms(query)
    if not words:
        return None
    # A one-letter prefix would match most of the catalogue: single letters must match whole words.
    if dialect == "sqlite":
        return " ".join('"' + w + '"' + ("*" if len(w) > 1 else "") for w in words)
    return " & ".join(f"'{w}'" + (":*" if len(w) > 1 else "") for w in words)


def hits_statement(dialect: str) -> Select:
    """A selectable of (product_id, rank) for the bound parameter `fts_query`; lower rank is better."""
    if dialect == "sqlite":
        return (
            select(literal_column(f"{INDEX}.rowid").label("product_id"), literal_column("rank").label("rank"))
            .select_from(table(INDEX))
            .where(text(f"{INDEX} MATCH :fts_query"))
        )
    index = table(INDEX, column("product_id"), column("document"))
    tsquery = func.to_tsquery(literal_column("'simple'::regconfig"),
                              func.souk_fold(bindparam("fts_query", type_=String)))
    return select(
        index.c.product_id.label("product_id"),
        (-func.ts_rank(index.c.document, tsquery)).label("rank"),
    ).where(index.c.document.op("@@")(tsquery))


def hits(query: str, dialect: str) -> Select | None:
    """`hits_statement` with the query bound; None when the query holds no word."""
    expression = match_expression(query, dialect)
    if expression is None:
        return None
    return hits_statement(dialect).params(fts_query=expression)


def matching_ids(connection: Connection, query: str) -> list[int]:
    """Ids of every product (public or not) whose text matches `query`, best first (tests, tools)."""
    selectable = hits(query, connection.dialect.name)
    if selectable is None:
        return []
    sub = selectable.subquery()
    return list(connection.execute(select(sub.c.product_id).order_by(sub.c.rank)).scalars())
