"""Mail leaves only with the transaction that caused it (app.core.mail)."""
from app.core import mail
from app.extensions import db
from tests.conftest import mails


def _note(app, subject):
    mail.queue(mail.compose("anna@example.be", subject, ["Hallo"]))


def test_mail_is_sent_after_the_commit_and_dropped_with_a_rollback(app):
    with app.test_request_context():
        _note(app, "undone")
        assert mails(app) == []  # nothing before the commit
        db.session.rollback()
        db.session.commit()
        assert mails(app) == []  # the rolled-back decision sent nothing, not even at the next commit

        _note(app, "kept")
        try:
            with db.session.begin_nested():  # a savepoint that fails inside the transaction ...
                raise ValueError
        except ValueError:
            pass
        db.session.commit()  # ... does not drop the mail of the transaction around it
    assert [m["Subject"] for m in mails(app)] == ["kept"]
    assert mails(app)[0]["From"] == app.config["MAIL_DEFAULT_SENDER"]


def test_the_mail_log_holds_the_text_as_written(app):
    """Developers read links from instance/mail.log: no base64 or quoted-printable in the way."""
    from pathlib import Path
    link = "https://kick.example/account/password/reset/" + "x" * 120
    with app.test_request_context():
        mail.queue(mail.compose("anna@example.be", "Eén keer", ["De link werkt maar één keer:", link]))
        db.session.commit()
    raw = Path(app.config["MAIL_LOG"]).read_text(encoding="utf-8")
    assert link in raw and "maar één keer" in raw
