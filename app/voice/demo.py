"""Demo content of voice (`flask demo load`)."""


def load() -> None:
    from app.voice import demo_ask
    demo_ask.load()  # questionnaires and shopper survey answers (room ask)
