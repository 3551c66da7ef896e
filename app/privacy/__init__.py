"""Privacy: the per-city privacy page, my data (export, account deletion) and the retention purge."""


def init_app(app):
    from app.accounts.signals import user_deleting
    from app.core.registry import get_registry
    from app.extensions import api as rest_api
    from app.privacy import account_views, api, cli, views

    app.register_blueprint(views.bp)
    app.register_blueprint(account_views.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    app.cli.add_command(cli.privacy_cli)
    from app.core.registry import SitemapEntry, add_sitemap_part
    add_sitemap_part(app, lambda cities: [SitemapEntry(city, "privacy.page") for city in cities], order=90)

    # Features holding personal data registered their part (app.core.registry.add_privacy_part) in
    # their own init_app, before this one: app.FEATURES lists privacy last.
    for part in get_registry(app).privacy:
        user_deleting.connect(part.forget_user)  # blinker ignores a second connect of the same function
