"""The questionnaires' and the shopper surveys' registrations (called from app.voice.init_app)."""


def init_ask(app):
    from flask_babel import lazy_gettext as _l

    from app.core.registry import FIGURES_PAGE, add_panel, add_privacy_part, add_studio_section
    from app.extensions import api as rest_api
    from app.loyalty import STAMPED_PANELS
    from app.shops import MERCHANT_HOME_PANELS
    from app.voice import ask_api, ask_privacy
    from app.voice.services import surveys as survey_service
    from app.voice.views import questionnaires, surveys

    app.register_blueprint(questionnaires.studio_bp)
    app.register_blueprint(questionnaires.merchant_bp)
    app.register_blueprint(surveys.bp)
    rest_api.register_blueprint(ask_api.blp, url_prefix="/api/v1")
    add_studio_section(app, "questionnaires_studio.index", _l("Questionnaires"), "chart", 72)
    add_studio_section(app, "surveys.results", _l("Shopper survey"), "chart", 73)
    add_panel(app, MERCHANT_HOME_PANELS, "voice/merchant/questionnaire_panel.html",
              questionnaires.merchant_home_panel, order=40)
    add_panel(app, STAMPED_PANELS, "voice/survey_prompt.html", surveys.stamped_panel, order=10)
    add_panel(app, FIGURES_PAGE, "voice/studio/survey_figures_panel.html", surveys.figures_panel, order=50)
    add_privacy_part(app, "questionnaires_and_surveys", export_user=ask_privacy.export_user,
                     forget_user=ask_privacy.forget_user, order=45, purge=survey_service.purge_report)
