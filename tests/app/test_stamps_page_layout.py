"""The stamps page puts the cards first: "keep my stamps" is a quiet note under them, not the page's lead."""
from tests.support.loyalty import counter_path


def test_keep_my_stamps_comes_after_the_cards_as_a_secondary_button(app, shop, clock):
    phone = app.test_client()  # an anonymous phone with one stamp
    phone.post(counter_path(app, shop))
    page = phone.get("/brugge/stamps").get_data(as_text=True)
    cards, keep = page.index('class="card-list stamp-cards"'), page.index('class="keep-stamps"')
    assert page.index('<h2>', page.index('</section>')) < cards < keep < page.index('id="enter-code"')
    note = page[keep:page.index("</aside>", keep)]
    assert 'class="button button-secondary" href="/register?next=' in note
