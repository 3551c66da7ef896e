"""Panels one feature adds to another feature's pages come through app.core.registry, and their data is
loaded by the view: a template (or a Jinja global it calls) never runs a database query."""
import re
from contextlib import contextmanager
from pathlib import Path

from flask import before_render_template, template_rendered

from tests.support.loyalty import MERCHANT


@contextmanager
def queries_while_rendering(app, count_queries):
    """The SQL statements run between the start and the end of rendering the page's template."""
    marks = []
    statements = []

    def started(sender, template, context, **extra):
        marks.append(len(counter.statements))

    def finished(sender, template, context, **extra):
        statements.extend(counter.statements[marks.pop():])

    with count_queries() as counter, before_render_template.connected_to(started, app), \
            template_rendered.connected_to(finished, app):
        yield statements


def test_public_shop_page_renders_the_stamp_panel_without_a_query_from_the_template(app, client, shop,
                                                                                      count_queries):
    with queries_while_rendering(app, count_queries) as statements:
        html = client.get(f"/brugge/shops/{shop.slug}").get_data(as_text=True)
    assert "loyalty-teaser" in html  # the loyalty panel is there, with the programme's numbers
    assert "5 stamps" in html or "5 stempels" in html
    assert statements == []


def test_merchant_shop_page_renders_the_stamp_card_panel_without_a_query_from_the_template(app, shop,
                                                                                           count_queries):
    merchant = app.test_client()
    merchant.login(MERCHANT)
    with queries_while_rendering(app, count_queries) as statements:
        html = merchant.get(f"/merchant/shops/{shop.id}").get_data(as_text=True)
    assert "loyalty-panel" in html and f"/merchant/shops/{shop.id}/counter" in html
    assert statements == []


def test_a_paused_stamp_card_hides_the_public_panel_but_not_the_merchant_one(app, client, shop):
    from app.extensions import db
    from app.loyalty.models import StampProgramme
    with app.app_context():
        db.session.query(StampProgramme).filter_by(shop_id=shop.id).update({"active": False})
        db.session.commit()
    assert "loyalty-teaser" not in client.get(f"/brugge/shops/{shop.slug}").get_data(as_text=True)
    merchant = app.test_client()
    merchant.login(MERCHANT)
    assert "loyalty-panel" in merchant.get(f"/merchant/shops/{shop.id}").get_data(as_text=True)


# The features that own pages (content features, loyalty, privacy); the kernel and infrastructure
# (cities, accounts, media, pwa, ...) are below them, so any feature may link to those.
FEATURES = ("shops", "trails", "loyalty", "privacy")
ENDPOINT = re.compile(r"""(?:url_for|external_url)\(\s*['"]([\w]+)\.\w+""")


def _owner(app, blueprint: str) -> str:
    return app.blueprints[blueprint].import_name.split(".")[1]


def _sources(feature: str):
    root = Path(__file__).resolve().parents[2]
    folders = [root / "app" / feature, root / "templates" / feature]
    if feature == "shops":
        folders.append(root / "templates" / "merchant")  # the shops feature's merchant pages
    for folder in folders:
        yield from (path for path in folder.rglob("*") if path.suffix in (".py", ".html", ".txt"))


def test_no_feature_names_another_features_endpoints(app):
    """A feature links to another feature's pages through what that feature offers (a registered panel,
    nav item or URL helper), so renaming one feature's endpoints never breaks another."""
    crossing = []
    for feature in FEATURES:
        for path in _sources(feature):
            for blueprint in ENDPOINT.findall(path.read_text(encoding="utf-8")):
                owner = _owner(app, blueprint) if blueprint in app.blueprints else None
                if owner in FEATURES and owner != feature:
                    crossing.append(f"{path.name} ({feature}) names {blueprint} ({owner})")
    assert crossing == []
