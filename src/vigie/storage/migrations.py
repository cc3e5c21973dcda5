"""Schema migrations for the SQLite store, applied in order; ``PRAGMA user_version`` records
how many have run. Append new migrations; never edit one that has shipped."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, full-text index, ingest runs, per-outlet line statistics, learned furniture
    """
    CREATE TABLE runs (
        run_id      INTEGER PRIMARY KEY,
        started     TEXT NOT NULL,
        finished    TEXT,
        inputs      TEXT NOT NULL,          -- JSON list of the paths given
        seen        INTEGER NOT NULL DEFAULT 0,
        added       INTEGER NOT NULL DEFAULT 0,
        versions    INTEGER NOT NULL DEFAULT 0,
        unchanged   INTEGER NOT NULL DEFAULT 0,
        failed      INTEGER NOT NULL DEFAULT 0,
        failures    TEXT NOT NULL DEFAULT '[]'   -- JSON list of {input, problem}
    );

    CREATE TABLE articles (
        rowid          INTEGER PRIMARY KEY,
        article_id     TEXT NOT NULL UNIQUE,
        source_key     TEXT NOT NULL,
        version        INTEGER NOT NULL,
        input_sha1     TEXT NOT NULL,
        content_sha1   TEXT NOT NULL,
        doc            TEXT NOT NULL,
        url            TEXT,
        title          TEXT,
        outlet         TEXT,
        language       TEXT,
        language_score REAL,
        published      TEXT,
        authors        TEXT NOT NULL DEFAULT '[]',
        input_format   TEXT NOT NULL,
        encoding       TEXT,
        text           TEXT NOT NULL,
        clean_text     TEXT NOT NULL,
        removed        TEXT NOT NULL DEFAULT '[]',
        paragraphs     TEXT NOT NULL DEFAULT '[]',
        meta           TEXT NOT NULL DEFAULT '{}',
        results        TEXT NOT NULL DEFAULT '{}',
        errors         TEXT NOT NULL DEFAULT '[]',
        run_id         INTEGER REFERENCES runs(run_id),
        ingested_at    TEXT NOT NULL,
        UNIQUE (source_key, input_sha1)
    );
    CREATE INDEX articles_source ON articles(source_key, version);
    CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE, published);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_language ON articles(language);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, clean_text,
        content='articles', content_rowid='rowid',
        tokenize="unicode61 remove_diacritics 2"
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, clean_text)
        VALUES (new.rowid, coalesce(new.title, ''), new.clean_text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, clean_text)
        VALUES ('delete', old.rowid, coalesce(old.title, ''), old.clean_text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, clean_text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, clean_text)
        VALUES ('delete', old.rowid, coalesce(old.title, ''), old.clean_text);
        INSERT INTO articles_fts(rowid, title, clean_text)
        VALUES (new.rowid, coalesce(new.title, ''), new.clean_text);
    END;

    -- narrow copy of the filterable columns: search filters and facet counts join this,
    -- not the wide article rows
    CREATE TABLE article_facets (
        rowid     INTEGER PRIMARY KEY,
        outlet    TEXT,
        language  TEXT,
        published TEXT
    );
    CREATE INDEX article_facets_outlet ON article_facets(outlet COLLATE NOCASE);
    CREATE INDEX article_facets_outlet_exact ON article_facets(outlet);
    CREATE INDEX article_facets_language ON article_facets(language);
    CREATE INDEX article_facets_published ON article_facets(published);
    CREATE TRIGGER article_facets_ai AFTER INSERT ON articles BEGIN
        INSERT INTO article_facets(rowid, outlet, language, published)
        VALUES (new.rowid, new.outlet, new.language, new.published);
    END;
    CREATE TRIGGER article_facets_ad AFTER DELETE ON articles BEGIN
        DELETE FROM article_facets WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER article_facets_au AFTER UPDATE OF outlet, language, published ON articles
    BEGIN
        UPDATE article_facets SET outlet = new.outlet, language = new.language,
            published = new.published WHERE rowid = new.rowid;
    END;

    CREATE TABLE outlet_articles (
        outlet     TEXT PRIMARY KEY,
        n_articles INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE outlet_lines (
        outlet     TEXT NOT NULL,
        line       TEXT NOT NULL,
        n_articles INTEGER NOT NULL,
        PRIMARY KEY (outlet, line)
    ) WITHOUT ROWID;
    CREATE TABLE furniture (
        outlet     TEXT NOT NULL,
        line       TEXT NOT NULL,
        learned_at TEXT NOT NULL,
        PRIMARY KEY (outlet, line)
    ) WITHOUT ROWID;
    """,
]

MIGRATIONS.append(
    # 2: quotations, cited sources and dated events, derived from each article's results
    """
    CREATE TABLE quotes (
        quote_id      INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        idx           INTEGER NOT NULL,
        start         INTEGER NOT NULL,
        end           INTEGER NOT NULL,
        text          TEXT NOT NULL,
        type          TEXT NOT NULL,
        speaker       TEXT,
        speaker_key   TEXT,              -- lower-case, accents folded: for matching
        mention_start INTEGER,
        mention_end   INTEGER,
        mention_text  TEXT,
        cue_start     INTEGER,
        cue_end       INTEGER,
        cue_text      TEXT,
        stance        TEXT,
        via           TEXT,
        via_key       TEXT,
        confidence    REAL,
        UNIQUE (article_rowid, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_key);
    CREATE INDEX quotes_via ON quotes(via_key);

    CREATE TABLE citations (
        citation_id   INTEGER PRIMARY KEY,
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        idx           INTEGER NOT NULL,
        start         INTEGER NOT NULL,
        end           INTEGER NOT NULL,
        text          TEXT NOT NULL,
        source        TEXT NOT NULL,
        source_key    TEXT NOT NULL,
        cue           TEXT,
        quote_idx     INTEGER,
        UNIQUE (article_rowid, idx)
    );
    CREATE INDEX citations_source ON citations(source_key);

    CREATE TABLE events (
        event_id       INTEGER PRIMARY KEY,
        article_rowid  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        idx            INTEGER NOT NULL,
        date           TEXT,
        date_start     TEXT,
        date_end       TEXT,
        date_text      TEXT,
        date_offset    INTEGER,
        sentence_start INTEGER NOT NULL,
        sentence_end   INTEGER NOT NULL,
        sentence_text  TEXT NOT NULL,
        tense          TEXT,
        UNIQUE (article_rowid, idx)
    );
    CREATE INDEX events_date ON events(date);
    """
)

MIGRATIONS.append(
    # 3: canonical actors and which mention of which article is which actor
    """
    CREATE TABLE actors (
        actor_id   TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        name_key   TEXT NOT NULL,
        kind       TEXT NOT NULL,
        aliases    TEXT NOT NULL DEFAULT '{}',
        roles      TEXT NOT NULL DEFAULT '{}',
        n_mentions INTEGER NOT NULL DEFAULT 0,
        n_quotes   INTEGER NOT NULL DEFAULT 0,
        n_articles INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen  TEXT,
        ambiguous  INTEGER NOT NULL DEFAULT 0,
        candidates TEXT NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID;
    CREATE INDEX actors_kind ON actors(kind, n_quotes);
    CREATE TABLE actor_mentions (
        article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
        source        TEXT NOT NULL,      -- 'entity' or 'quote'
        idx           INTEGER NOT NULL,   -- index in results.entities / results.quotes
        part          INTEGER NOT NULL,   -- several speakers of one quote: 0, 1, …
        unit          TEXT NOT NULL,
        actor_id      TEXT,
        PRIMARY KEY (article_rowid, source, idx, part)
    ) WITHOUT ROWID;
    CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
    CREATE INDEX actor_mentions_unit ON actor_mentions(unit);
    CREATE TABLE actor_state (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        state     TEXT NOT NULL,
        registry  TEXT NOT NULL           -- fingerprint of the registry the state was built with
    );
    """
)

MIGRATIONS.append(
    # 4: fingerprints for copy detection, and copy relations between articles
    """
    CREATE TABLE fingerprints (
        article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
        fp            BLOB NOT NULL
    );
    CREATE TABLE copies (
        relation_id   INTEGER PRIMARY KEY,
        a_id          TEXT NOT NULL,       -- article ids, a < b
        b_id          TEXT NOT NULL,
        kind          TEXT NOT NULL,       -- exact | near | partial | translated
        score         REAL NOT NULL,
        confidence    TEXT,
        direction     TEXT NOT NULL,       -- known | undetermined
        source_id     TEXT,                -- the original, when known
        copy_id       TEXT,                -- the copy, when known
        lag_seconds   REAL,
        data          TEXT NOT NULL,       -- the whole relation: evidence, edits, MT signs
        UNIQUE (a_id, b_id)
    );
    CREATE INDEX copies_b ON copies(b_id);
    CREATE INDEX copies_source ON copies(source_id);
    CREATE INDEX copies_copy ON copies(copy_id);
    """
)

MIGRATIONS.append(
    # 5: stories (articles on one event) and quote groups (one statement, many reports)
    """
    CREATE TABLE stories (
        story_id      TEXT PRIMARY KEY,
        label         TEXT NOT NULL,
        first_article TEXT,
        first_seen    TEXT,
        last_seen     TEXT,
        n_articles    INTEGER NOT NULL,
        languages     TEXT NOT NULL DEFAULT '[]',
        outlets       TEXT NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID;
    CREATE INDEX stories_size ON stories(n_articles, last_seen);
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY,
        story_id   TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE quote_groups (
        group_id   TEXT PRIMARY KEY,
        n_articles INTEGER NOT NULL,
        first_seen TEXT,
        speaker    TEXT,
        data       TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX quote_groups_size ON quote_groups(n_articles);
    CREATE TABLE corpus_state (
        name  TEXT PRIMARY KEY,
        state TEXT NOT NULL
    ) WITHOUT ROWID;
    """
)

#: whether an article is "a copy": the copy side of a relation whose direction is known, or
#: either side of a verbatim or near-verbatim relation whose direction is not (``:id`` is the
#: article id; used by migration 6's triggers and backfill)
_IS_COPY = """(
    EXISTS (SELECT 1 FROM copies c WHERE c.copy_id = :id AND c.direction = 'known')
    OR EXISTS (SELECT 1 FROM copies c WHERE c.a_id = :id AND c.direction = 'undetermined'
               AND c.kind IN ('exact', 'near'))
    OR EXISTS (SELECT 1 FROM copies c WHERE c.b_id = :id AND c.direction = 'undetermined'
               AND c.kind IN ('exact', 'near'))
)"""


#: the id of the article whose facets row was just inserted (in a trigger on article_facets)
_NEW_ARTICLE_ID = "(SELECT article_id FROM articles WHERE rowid = new.rowid)"


def _set_is_copy(article_id: str) -> str:
    """An UPDATE giving one article's ``is_copy`` mark from the copies table."""
    return (
        f"UPDATE article_facets SET is_copy = {_IS_COPY.replace(':id', article_id)}"
        f" WHERE rowid = (SELECT rowid FROM articles WHERE article_id = {article_id});"
    )


MIGRATIONS.append(
    # 6: the story, has-quotes and is-copy marks of each article beside its outlet, language
    # and date, so that search filters and facet counts read one narrow row per match; the
    # marks follow the quotes, story_articles and copies tables through triggers
    f"""
    ALTER TABLE article_facets ADD COLUMN story_id TEXT;
    ALTER TABLE article_facets ADD COLUMN has_quotes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE article_facets ADD COLUMN is_copy INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX article_facets_story ON article_facets(story_id);

    -- an article written after its story or copy rows (or again, as a new row) gets its marks
    CREATE TRIGGER article_facets_marks_ai AFTER INSERT ON article_facets BEGIN
        UPDATE article_facets SET
            story_id = (SELECT s.story_id FROM articles a
                        JOIN story_articles s ON s.article_id = a.article_id
                        WHERE a.rowid = new.rowid),
            has_quotes = EXISTS (SELECT 1 FROM quotes q WHERE q.article_rowid = new.rowid),
            is_copy = {_IS_COPY.replace(":id", _NEW_ARTICLE_ID)}
        WHERE rowid = new.rowid;
    END;

    CREATE TRIGGER article_facets_quotes_ai AFTER INSERT ON quotes BEGIN
        UPDATE article_facets SET has_quotes = 1
        WHERE rowid = new.article_rowid AND has_quotes = 0;
    END;
    CREATE TRIGGER article_facets_quotes_ad AFTER DELETE ON quotes BEGIN
        UPDATE article_facets
        SET has_quotes = EXISTS (SELECT 1 FROM quotes q WHERE q.article_rowid = old.article_rowid)
        WHERE rowid = old.article_rowid;
    END;
    CREATE TRIGGER article_facets_quotes_au AFTER UPDATE OF article_rowid ON quotes BEGIN
        UPDATE article_facets
        SET has_quotes = EXISTS (SELECT 1 FROM quotes q WHERE q.article_rowid = old.article_rowid)
        WHERE rowid = old.article_rowid;
        UPDATE article_facets SET has_quotes = 1 WHERE rowid = new.article_rowid;
    END;

    CREATE TRIGGER article_facets_story_ai AFTER INSERT ON story_articles BEGIN
        UPDATE article_facets SET story_id = new.story_id
        WHERE rowid = (SELECT rowid FROM articles WHERE article_id = new.article_id);
    END;
    CREATE TRIGGER article_facets_story_ad AFTER DELETE ON story_articles BEGIN
        UPDATE article_facets SET story_id = NULL
        WHERE rowid = (SELECT rowid FROM articles WHERE article_id = old.article_id)
          AND story_id = old.story_id;
    END;
    CREATE TRIGGER article_facets_story_au AFTER UPDATE ON story_articles BEGIN
        UPDATE article_facets SET story_id = NULL
        WHERE rowid = (SELECT rowid FROM articles WHERE article_id = old.article_id)
          AND story_id = old.story_id;
        UPDATE article_facets SET story_id = new.story_id
        WHERE rowid = (SELECT rowid FROM articles WHERE article_id = new.article_id);
    END;

    CREATE TRIGGER article_facets_copies_ai AFTER INSERT ON copies BEGIN
        {_set_is_copy("new.a_id")}
        {_set_is_copy("new.b_id")}
    END;
    CREATE TRIGGER article_facets_copies_ad AFTER DELETE ON copies BEGIN
        {_set_is_copy("old.a_id")}
        {_set_is_copy("old.b_id")}
    END;
    CREATE TRIGGER article_facets_copies_au AFTER UPDATE ON copies BEGIN
        {_set_is_copy("old.a_id")}
        {_set_is_copy("old.b_id")}
        {_set_is_copy("new.a_id")}
        {_set_is_copy("new.b_id")}
    END;

    -- the marks of the articles already stored
    UPDATE article_facets SET has_quotes = 1
    WHERE rowid IN (SELECT article_rowid FROM quotes);
    UPDATE article_facets SET story_id = (
        SELECT s.story_id FROM articles a JOIN story_articles s ON s.article_id = a.article_id
        WHERE a.rowid = article_facets.rowid)
    WHERE rowid IN (SELECT a.rowid FROM story_articles s
                    JOIN articles a ON a.article_id = s.article_id);
    UPDATE article_facets SET is_copy = 1
    WHERE rowid IN (SELECT a.rowid FROM articles a WHERE a.article_id IN (
        SELECT copy_id FROM copies WHERE direction = 'known'
        UNION SELECT a_id FROM copies WHERE direction = 'undetermined' AND kind IN ('exact', 'near')
        UNION SELECT b_id FROM copies WHERE direction = 'undetermined' AND kind IN ('exact', 'near')
    ));
    """
)

#: the filter columns of a ``quote_groups`` row, from its JSON (``data``) and ``speaker``: an
#: UPDATE's SET list (the same values as ``vigie.storage.quote_group_store.group_columns``;
#: ``languages`` starts with "!" when a code holds more than letters, digits, "-" and "_")
_QUOTE_GROUP_COLUMNS = """
    speaker_key = vigie_fold(speaker),
    last_seen = (SELECT max(json_extract(v.value, '$.published'))
                 FROM json_each(data, '$.variants') v
                 WHERE json_extract(v.value, '$.published') != ''),
    languages = (CASE WHEN EXISTS (SELECT 1 FROM json_each(data, '$.languages') l
                                   WHERE l.type = 'text' AND l.value GLOB '*[^0-9A-Za-z_-]*')
                      THEN '!' ELSE '' END)
                || ',' || coalesce((SELECT group_concat(l.value, ',')
                                 FROM json_each(data, '$.languages') l
                                 WHERE l.type = 'text'), '') || ',',
    outlets = '|' || coalesce((SELECT group_concat(json_extract(o.value, '$.outlet'), '|')
                               FROM json_each(data, '$.outlets') o
                               WHERE json_type(o.value, '$.outlet') = 'text'), '') || '|'
"""


#: the ``quote_group_text`` row of a group ``q``: its versions' distinct folded texts, one a
#: line (NULL: none)
_QUOTE_GROUP_TEXT = """(SELECT group_concat(t.folded, char(10)) FROM (
        SELECT DISTINCT vigie_fold(json_extract(v.value, '$.text')) AS folded
        FROM json_each(q.data, '$.variants') v
        WHERE json_type(v.value, '$.text') = 'text') t)"""


MIGRATIONS.append(
    # 7: what the quote-group filters read, beside each group's JSON: its folded speaker, last
    # appearance, languages (",fr,en,"), outlet names ("|Le Monde|Telekar|") and a trigram
    # index of its versions' folded texts (``quote_group_text``: one row per group, its
    # ``text_rowid``), with one index holding the list's order and every filter column, so
    # that filtering and paging never read the JSON; and an index that walks the stories
    # latest first. ``write_stories`` writes these columns (a row written otherwise, without
    # ``text_rowid``, is filtered on its JSON). Filling them here needs the ``vigie_fold`` SQL
    # function, which ``SQLiteStore.migrate`` registers.
    f"""
    ALTER TABLE quote_groups ADD COLUMN speaker_key TEXT;
    ALTER TABLE quote_groups ADD COLUMN last_seen TEXT;
    ALTER TABLE quote_groups ADD COLUMN languages TEXT NOT NULL DEFAULT ',';
    ALTER TABLE quote_groups ADD COLUMN outlets TEXT NOT NULL DEFAULT '|';
    ALTER TABLE quote_groups ADD COLUMN text_rowid INTEGER;
    CREATE VIRTUAL TABLE quote_group_text USING fts5(text, tokenize="trigram");

    -- a group's text row goes with it (merged away, replaced, or all cleared)
    CREATE TRIGGER quote_groups_text_ad AFTER DELETE ON quote_groups BEGIN
        DELETE FROM quote_group_text WHERE rowid = old.text_rowid;
    END;

    -- the groups already stored: text rows numbered in the order of their ids
    CREATE TEMP TABLE quote_group_numbers (group_id TEXT PRIMARY KEY, n INTEGER NOT NULL)
        WITHOUT ROWID;
    INSERT INTO quote_group_numbers(group_id, n)
        SELECT group_id, row_number() OVER (ORDER BY group_id) FROM quote_groups;
    UPDATE quote_groups SET {_QUOTE_GROUP_COLUMNS}, text_rowid = (
        SELECT n FROM quote_group_numbers m WHERE m.group_id = quote_groups.group_id);
    INSERT INTO quote_group_text(rowid, text)
        SELECT q.text_rowid, {_QUOTE_GROUP_TEXT} FROM quote_groups q;
    DROP TABLE quote_group_numbers;

    -- the list's order (NULL dates sort last in a descending order) and every filter column
    DROP INDEX quote_groups_size;
    CREATE INDEX quote_groups_list ON quote_groups(
        n_articles DESC, first_seen DESC, group_id, speaker_key, languages, outlets, text_rowid);

    -- stories latest first (undated last), with their size for the minimum-size filter
    CREATE INDEX stories_recent ON stories(last_seen DESC, story_id, n_articles);
    """
)

MIGRATIONS.append(
    # 8: what tells whether a saved copy index (a file beside the store, see
    # ``vigie.runners.copies``) still holds what the fingerprints table holds: an id of this
    # store and a generation that grows whenever a stored fingerprint, or the date, language or
    # outlet it is indexed with, is removed or changed. Fingerprints added after the last one
    # (a new article) keep the generation: a saved index is then brought up to date by adding
    # them.
    """
    CREATE TABLE copy_index_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        store_id   TEXT NOT NULL,
        generation INTEGER NOT NULL
    );
    INSERT INTO copy_index_state(id, store_id, generation) VALUES (1, lower(hex(randomblob(8))), 0);

    CREATE TRIGGER copy_index_fp_bi BEFORE INSERT ON fingerprints
    WHEN new.article_rowid <= (SELECT coalesce(max(article_rowid), 0) FROM fingerprints) BEGIN
        UPDATE copy_index_state SET generation = generation + 1;
    END;
    CREATE TRIGGER copy_index_fp_au AFTER UPDATE ON fingerprints BEGIN
        UPDATE copy_index_state SET generation = generation + 1;
    END;
    CREATE TRIGGER copy_index_fp_ad AFTER DELETE ON fingerprints BEGIN
        UPDATE copy_index_state SET generation = generation + 1;
    END;
    CREATE TRIGGER copy_index_article_au AFTER UPDATE OF outlet, language, published ON articles
    WHEN (old.outlet IS NOT new.outlet OR old.language IS NOT new.language
          OR old.published IS NOT new.published)
         AND EXISTS (SELECT 1 FROM fingerprints WHERE article_rowid = new.rowid) BEGIN
        UPDATE copy_index_state SET generation = generation + 1;
    END;
    CREATE TRIGGER copy_index_article_ad AFTER DELETE ON articles
    WHEN EXISTS (SELECT 1 FROM fingerprints WHERE article_rowid = old.rowid) BEGIN
        UPDATE copy_index_state SET generation = generation + 1;
    END;
    """
)
