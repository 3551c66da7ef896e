"""Texts a fresh-eyes review found wrong on the pages: French label colons, durations that read like clock
times, a road-works title said twice, a dot left hanging, raw ISO dates, and closures a visitor could not
see ahead."""
import re
from datetime import datetime, timezone

from sqlalchemy import select

from app.extensions import db
from app.shops.models import Shop

TRAIL = "/brugge/trails/van-markt-tot-minnewater"


def page(client, url: str, **headers) -> str:
    response = client.get(url, headers=headers, follow_redirects=True)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def set_clock(monkeypatch, iso_utc: str):
    instant = datetime.fromisoformat(iso_utc).replace(tzinfo=timezone.utc)
    monkeypatch.setattr("app.core.clock.now", lambda: instant)


def test_french_labels_put_a_no_break_space_before_the_colon(client):
    assert "Revêtement\u00a0: Pavés" in page(client, TRAIL + "?lang=fr")
    assert "Ondergrond: " in page(client, TRAIL + "?lang=nl")
    assert "Récompense\u00a0:" in page(client, "/kortrijk/stamps?lang=fr")


def test_durations_never_read_like_a_clock_time(client):
    explained = re.search(r"data-time-explained>(.*?)</p>", page(client, TRAIL), re.S).group(1)
    assert explained.startswith("1 u 06 — 21 min wandelen") and not re.search(r"\d:\d", explained)
    chips = {"nl": "Tot 1 uur", "fr": "Jusqu’à 1 h", "de": "Bis 1 Std."}
    for lang, chip in chips.items():
        html = page(client, f"/brugge/trails?lang={lang}")
        assert chip in html and " 00<" not in html, lang


def test_the_works_notice_says_its_title_once(client):
    for lang, title in (("nl", "Wegenwerken in de Christinastraat"), ("fr", "Travaux dans la Christinastraat"),
                        ("de", "Bauarbeiten in der Christinastraat")):
        notice = re.search(r'<section class="works-notice".*?</section>', page(client, f"/oostende/?lang={lang}"),
                           re.S).group(0)
        assert notice.count("Christinastraat") == 1, (lang, notice)


def test_a_public_line_that_repeats_the_title_drops_it():
    from app.voice.services.news import _without_title
    assert _without_title("Works on X — shops stay open", "Works on X") == "Shops stay open"
    assert _without_title("Shops stay open", "Works on X") == "Shops stay open"
    assert _without_title("Works on X", "Works on X") == ""


def test_the_trail_parking_links_leave_no_dot_hanging(client):
    links = re.search(r"<p[^>]*data-trail-parking-links[^>]*>(.*?)</p>", page(client, TRAIL + "?lang=fr"), re.S)
    assert "Itinéraire" in links.group(1) and "·" not in links.group(1)


def give_vlasbloem(app, hours):
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == "vlasbloem")).scalar_one()
        shop.opening_hours = hours
        db.session.commit()
        return shop.id


HOURS = {"weekly": {"tue": [["10:00", "18:00"]]},
         "exceptions": [{"date": "2026-12-05", "closed": True, "note": "Inventaris"},
                        {"date": "2026-12-25", "closed": True, "note": "Kerstmis"},
                        {"date": "2027-01-01", "closed": True, "note": "Nieuwjaar"},
                        {"date": "2027-03-01", "closed": True, "note": "Te ver"}]}


def test_the_shop_page_lists_closures_after_the_week_up_to_sixty_days(app, client, monkeypatch):
    set_clock(monkeypatch, "2026-12-03T09:00:00")
    give_vlasbloem(app, HOURS)
    html = page(client, "/kortrijk/shops/vlasbloem")
    ahead = re.search(r"<ul[^>]*data-hours-ahead[^>]*>(.*?)</ul>", html, re.S).group(1)
    assert "vrijdag 25 december: " in ahead and "Kerstmis" in ahead and "vrijdag 1 januari" in ahead
    assert "Inventaris" not in ahead and "Te ver" not in ahead  # in this week's table / too far ahead
    assert ahead.index("25 december") < ahead.index("1 januari")
    fr = page(client, "/kortrijk/shops/vlasbloem?lang=fr")
    assert "vendredi 25 décembre\u00a0:" in fr


def test_the_marketer_reads_dates_the_shops_story_and_a_primary_approve(app, client, monkeypatch):
    set_clock(monkeypatch, "2026-12-03T09:00:00")
    shop_id = give_vlasbloem(app, HOURS)
    client.login("marketer@kortrijk.kick.test")
    html = page(client, f"/kortrijk/studio/shops/{shop_id}")
    assert "vrijdag 25 december 2026: Gesloten" in html and "2026-12-25" not in html
    assert "Verhaal van de winkel" in html and "Je verhaal" not in html
