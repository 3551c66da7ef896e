"""The city home says what is on: the shops open right now (in Brussels time), and for a shopper who collects
here, their city pass and cards; the picker and the home carry the town's own artwork."""
from tests.app.test_shops_public import TUE_HOURS, only_vlasbloem_with, set_clock


def test_the_home_lists_the_shops_open_now_and_hides_the_block_when_all_are_shut(app, client, monkeypatch):
    only_vlasbloem_with(app, TUE_HOURS)
    set_clock(monkeypatch, "2026-12-15T10:00:00")  # Tuesday 11:00 in Brussels: open
    html = client.get("/kortrijk/").get_data(as_text=True)
    block = html[html.index('class="home-open"'):]
    assert "Vlasbloem" in block[:block.index("</section>")]
    assert "1 winkel" in block and "/kortrijk/shops/?open=1" in block
    set_clock(monkeypatch, "2026-12-15T11:45:00")  # 12:45: the lunch break
    assert 'class="home-open"' not in client.get("/kortrijk/").get_data(as_text=True)


def test_a_shopper_sees_the_pass_and_cards_on_the_home_and_nobody_else_does(app, client):
    assert 'class="home-progress"' not in client.get("/brugge/").get_data(as_text=True)
    client.login("shopper@kick.test")
    answer = client.get("/brugge/")
    html = answer.get_data(as_text=True)
    block = html[html.index('class="home-progress"'):]
    block = block[:block.index("</section>")]
    assert "Mijn stempels" in block and "verschillende winkels bezocht" in block and "stempels" in block
    assert "no-store" in answer.headers["Cache-Control"]


def test_the_picker_and_the_home_wear_the_towns_landmark(client):
    picker = client.get("/").get_data(as_text=True)
    for slug in ("brugge", "ieper", "kortrijk", "oostende", "roeselare"):
        assert f"img/towns/{slug}." in picker
    assert "img/towns/town." in picker  # Diksmuide: no drawing of its own yet, a street of gables
    home = client.get("/ieper/").get_data(as_text=True)
    assert 'class="hero-art"' in home and "img/towns/ieper." in home
