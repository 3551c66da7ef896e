"""Voice: the city talks with its merchants and listens to its shoppers (issue 16): merchant news with
targeting, email and Web Push, road works on the public map; questionnaires and shopper micro-surveys."""


def init_app(app):
    from app.voice import models  # noqa: F401 - models register with the metadata
    from app.voice.ask import init_ask  # questionnaires and shopper surveys (room ask): their own registrations
    init_ask(app)
