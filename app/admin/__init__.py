"""Platform admin console (/admin/): every town with its status and figures, creating and editing a town,
setting it live or back to draft.

Like privacy, admin reaches the features only through what they register in app.core.registry: figures per
town (`add_city_figure`) and tiles for other admin pages (`add_admin_section`). Towns themselves belong to
the tenant (app.cities.services), which admin may use directly.
"""


def init_app(app):
    from app.admin import views

    app.register_blueprint(views.bp)
