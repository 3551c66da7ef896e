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
