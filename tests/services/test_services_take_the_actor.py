"""Services take the actor and the city as arguments (issue 12): no module with business rules reaches for
the logged-in user, logs anyone in, or aborts the request. Logging in and out is accounts.sessions; a refusal
is a ProblemError (core.problem.not_found() for a row the actor may not see)."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SESSION_SIDE = re.compile(r"\bflask_login\b|\bcurrent_user\b|\blogin_user\b|\blogout_user\b|\babort\(")


def service_modules() -> list[Path]:
    app = ROOT / "app"
    return sorted({*app.glob("*/services*.py"), *app.glob("*/services/**/*.py"), *app.glob("*/review.py")})


def test_there_are_services_to_check():
    names = {str(path.relative_to(ROOT)) for path in service_modules()}
    assert {"app/accounts/services.py", "app/shops/services/profiles.py", "app/shops/services/review.py",
            "app/shops/services/imports.py", "app/loyalty/services/cards.py", "app/trails/services/editing.py"} <= names


def test_no_service_reads_the_session_or_aborts():
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                 for path in service_modules()
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if SESSION_SIDE.search(line)]
    assert offenders == []
