"""Room match's part of the premises feature, called from app.premises.init_app: the public premises pages, the
entrepreneurs' pages, the matchmaker in the studio, their API, privacy part and sitemap part."""
from flask_babel import lazy_gettext as _l


def init_match(app) -> None:
    from app.core.registry import add_privacy_part, add_sitemap_part, add_studio_section
    from app.extensions import api as rest_api
    from app.premises import match_api, match_models, match_privacy  # noqa: F401 - models register with the metadata
    from app.premises.services.listing import sitemap_pages
    from app.premises.views import matching, public

    app.register_blueprint(public.bp)
    app.register_blueprint(matching.bp)
    rest_api.register_blueprint(match_api.blp, url_prefix="/api/v1")
    add_studio_section(app, "premises_match.profiles", _l("Entrepreneurs and matches"), "pin", 46)
    add_privacy_part(app, "premises_matching", export_user=match_privacy.export_user,
                     forget_user=match_privacy.forget_user, order=36)
    add_sitemap_part(app, sitemap_pages, order=35)
