"""The schema comes from migrations only, and the migrations match the models (no drift)."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from app.extensions import db


def test_migrations_match_models(ctx):
    # The test database was built by `flask db upgrade` (see conftest), never by create_all.
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_database_is_at_head_revision(ctx):
    app = ctx
    from alembic.script import ScriptDirectory
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    with db.engine.connect() as conn:
        current = conn.execute(text("select version_num from alembic_version")).scalar_one()
    assert current == script.get_current_head()


def test_upgrade_builds_every_table_on_an_empty_database(tmp_path, databases):
    from app import create_app
    from tests.conftest import base_config

    url = databases.fresh()
    try:
        app = create_app(base_config(url, tmp_path))
        with app.app_context():
            # Start from nothing: drop everything the template had, then migrate from zero.
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("drop table if exists alembic_version"))
            assert inspect(db.engine).get_table_names() == []
            upgrade()
            tables = set(inspect(db.engine).get_table_names())
            assert {t.name for t in db.metadata.sorted_tables} <= tables
            db.session.remove()
            db.engine.dispose()
    finally:
        databases.drop(url)


def test_create_app_does_not_create_tables(tmp_path):
    from app import create_app
    from tests.conftest import base_config

    app = create_app(base_config(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path))
    with app.app_context():
        app.test_client().get("/api/v1/cities")
        assert inspect(db.engine).get_table_names() == []
        db.engine.dispose()
