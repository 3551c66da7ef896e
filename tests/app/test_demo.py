from app.demo import load_demo, row_counts


def test_demo_load_is_idempotent(ctx):
    before = row_counts()
    assert before["city"] == 6  # five towns, and Diksmuide loaded through the imports
    after = load_demo()
    assert after == before


def test_demo_cli_loads_and_reports(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "city: 6" in result.output


def test_demo_load_refuses_in_production(app, runner):
    app.config["KICK_ENV"] = "production"
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "production" in result.output


def test_demo_accounts_exist_with_demo_password(client):
    for email in ["admin@kick.test", "shopper@kick.test", "marketer@brugge.kick.test", "marketer@ieper.kick.test"]:
        client.login(email)
        client.logout()
