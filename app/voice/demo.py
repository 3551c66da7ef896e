"""Demo city news: road works on the Christinastraat in Oostende (running now, on the public map, sent to that
street's two shops only), a shopping Sunday for every merchant of Brugge and a note to Roeselare's food shops.

The two Christinastraat shops the works reach come with the shops' demo (app.shops.demo_street). Dates are
relative to the load (app.core.clock). Deliveries are written as the posting
service writes them, with the mails already sent (demo addresses cannot receive mail): nothing is mailed.
Idempotent: a message is found again by its town and Dutch title, a shop by its town and slug.
"""
from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.shops.demo_street import STREET
from app.voice.models import Channel, DeliveryStatus, NewsDelivery, NewsKind, NewsMessage
from app.voice.services import targeting

WORKS_PLACE = (51.22935, 2.91745)  # Christinastraat, between the Wapenplein and the Kapellestraat (estimate)
MESSAGES = [
    {"city": "oostende", "kind": NewsKind.WORKS, "streets": [STREET], "categories": [], "start": -5, "end": 20,
     "place": WORKS_PLACE, "on_map": True, "sent_days_ago": 7,
     "title": {"nl": "Wegenwerken in de Christinastraat", "fr": "Travaux dans la Christinastraat",
               "en": "Road works on the Christinastraat", "de": "Bauarbeiten in der Christinastraat"},
     "body": {"nl": "<p>De stad vernieuwt de riolering en de voetpaden in de <strong>Christinastraat</strong>. De "
                    "straat is afgesloten voor auto's; voetgangers kunnen er altijd door.</p><ul><li>Leveringen: "
                    "tussen 7 en 10 uur via de Kapellestraat</li><li>Afval: zet je containers aan de hoek met de "
                    "Wapenplein</li><li>Je winkel blijft bereikbaar: we plaatsen borden \"Winkels open\"</li></ul>"
                    "<p>Vragen? Bel de werfcoördinator op 059 80 55 00 of lees "
                    "<a href=\"https://www.oostende.be\">oostende.be</a>.</p>",
              "fr": "<p>La ville renouvelle les égouts et les trottoirs de la <strong>Christinastraat</strong>. La "
                    "rue est fermée aux voitures ; les piétons passent toujours.</p><ul><li>Livraisons : entre 7 h et "
                    "10 h par la Kapellestraat</li><li>Déchets : déposez vos conteneurs au coin du Wapenplein</li>"
                    "<li>Votre magasin reste accessible : nous plaçons des panneaux « Magasins ouverts »</li></ul>"
                    "<p>Des questions ? Appelez le coordinateur du chantier au 059 80 55 00 ou consultez "
                    "<a href=\"https://www.oostende.be\">oostende.be</a>.</p>",
              "en": "<p>The city is renewing the sewers and pavements on the <strong>Christinastraat</strong>. The "
                    "street is closed to cars; pedestrians can always get through.</p><ul><li>Deliveries: between 7 "
                    "and 10 am via the Kapellestraat</li><li>Waste: put your bins out at the corner with the "
                    "Wapenplein</li><li>Your shop stays within reach: we put up \"Shops open\" signs</li></ul>"
                    "<p>Questions? Call the site coordinator on 059 80 55 00 or read "
                    "<a href=\"https://www.oostende.be\">oostende.be</a>.</p>",
              "de": "<p>Die Stadt erneuert die Kanalisation und die Gehwege in der <strong>Christinastraat</strong>. "
                    "Die Straße ist für Autos gesperrt; zu Fuß kommen Sie jederzeit durch.</p><ul><li>Lieferungen: "
                    "zwischen 7 und 10 Uhr über die Kapellestraat</li><li>Abfall: Stellen Sie Ihre Tonnen an die Ecke "
                    "zum Wapenplein</li><li>Ihr Geschäft bleibt erreichbar: Wir stellen Schilder „Geschäfte geöffnet“ "
                    "auf</li></ul><p>Fragen? Rufen Sie den Baustellenkoordinator unter 059 80 55 00 an oder lesen Sie "
                    "<a href=\"https://www.oostende.be\">oostende.be</a>.</p>"},
     # the line follows the title on the map and the home ("Title — line"): it does not repeat it
     "public_line": {"nl": "Winkels blijven open", "fr": "Les magasins restent ouverts",
                     "en": "Shops stay open", "de": "Geschäfte bleiben geöffnet"}},
    {"city": "brugge", "kind": NewsKind.EVENT, "streets": [], "categories": [], "start": 12, "end": 12,
     "place": None, "on_map": False,
     "title": {"nl": "Koopzondag voor Kerstmis", "fr": "Dimanche shopping avant Noël", "en": "Shopping Sunday before Christmas",
               "de": "Verkaufsoffener Sonntag vor Weihnachten"},
     "body": {"nl": "<p>Op de koopzondag voor Kerstmis mogen alle winkels in het centrum open van 13 tot 18 uur. "
                    "De stad zorgt voor gratis pendelbussen vanaf de randparkings en kerstmuziek in de Steenstraat.</p>"
                    "<p>Laat ons <em>voor vrijdag</em> weten of je meedoet, dan staat je winkel op de affiche.</p>",
              "fr": "<p>Le dimanche shopping avant Noël, tous les magasins du centre peuvent ouvrir de 13 h à 18 h. "
                    "La ville prévoit des navettes gratuites au départ des parkings de dissuasion et de la musique de "
                    "Noël dans la Steenstraat.</p><p>Faites-nous savoir <em>avant vendredi</em> si vous participez : "
                    "votre magasin figurera sur l’affiche.</p>",
              "en": "<p>On the shopping Sunday before Christmas every shop in the centre may open from 1 to 6 pm. The "
                    "city lays on free shuttle buses from the car parks on the edge of town and Christmas music in the "
                    "Steenstraat.</p><p>Let us know <em>before Friday</em> whether you are taking part, and your shop "
                    "will be on the poster.</p>",
              "de": "<p>Am verkaufsoffenen Sonntag vor Weihnachten dürfen alle Geschäfte im Zentrum von 13 bis 18 Uhr "
                    "öffnen. Die Stadt sorgt für kostenlose Pendelbusse ab den Parkplätzen am Stadtrand und für "
                    "Weihnachtsmusik in der Steenstraat.</p><p>Sagen Sie uns <em>bis Freitag</em> Bescheid, ob Sie "
                    "mitmachen, dann steht Ihr Geschäft auf dem Plakat.</p>"}},
    {"city": "roeselare", "kind": NewsKind.NEWS, "streets": [], "categories": ["food_drink"], "start": None,
     "end": None, "place": None, "on_map": False,
     "title": {"nl": "Nieuwe regels voor terrassen in 2027", "fr": "Nouvelles règles pour les terrasses en 2027",
               "en": "New rules for terraces in 2027", "de": "Neue Regeln für Terrassen ab 2027"},
     "body": {"nl": "<p>Vanaf 1 januari vraag je een terrasvergunning <strong>online</strong> aan. Bestaande "
                    "vergunningen lopen door tot hun einddatum.</p>",
              "fr": "<p>À partir du 1er janvier, la demande de permis de terrasse se fait <strong>en ligne</strong>. "
                    "Les permis existants restent valables jusqu’à leur date de fin.</p>",
              "en": "<p>From 1 January you apply for a terrace permit <strong>online</strong>. Existing permits run "
                    "until their end date.</p>",
              "de": "<p>Ab dem 1. Januar beantragen Sie die Terrassengenehmigung <strong>online</strong>. Bestehende "
                    "Genehmigungen gelten bis zu ihrem Enddatum weiter.</p>"}},
]


def load() -> None:
    cities = {city.slug: city for city in db.session.execute(select(City)).scalars()}
    now, today = clock.now(), clock.today()
    marketers = {}
    for spec in MESSAGES:
        city = cities.get(spec["city"])
        if city is None:
            continue
        author = marketers.setdefault(city.slug, db.session.execute(select(User).where(
            User.email == f"marketer@{city.slug}.kick.test")).scalar_one_or_none())
        _message(city, spec, author, now, today)
    db.session.flush()
    from app.voice import demo_ask
    demo_ask.load()  # questionnaires and shopper survey answers (room ask)


def _message(city, spec, author, now, today) -> None:
    message = db.session.execute(select(NewsMessage).where(NewsMessage.city_id == city.id)).scalars().all()
    message = next((m for m in message if m.title.get("nl") == spec["title"]["nl"]), None)
    starts = today + timedelta(days=spec["start"]) if spec["start"] is not None else None
    ends = today + timedelta(days=spec["end"]) if spec["end"] is not None else None
    lat, lon = spec["place"] or (None, None)
    target = targeting.make_target(spec["streets"], spec["categories"])
    if message is None:
        message = NewsMessage(city_id=city.id, sent_at=now - timedelta(days=spec.get("sent_days_ago", 1)))
        db.session.add(message)
    values = {"kind": spec["kind"].value, "title": spec["title"], "body": spec["body"], "target": target.as_json(),
              "starts_on": starts, "ends_on": ends, "lat": lat, "lon": lon, "on_public_map": spec["on_map"],
              "public_line": spec.get("public_line", {}), "author_id": author.id if author else None}
    for key, value in values.items():
        if getattr(message, key) != value:
            setattr(message, key, value)
    db.session.flush()
    people = targeting.recipient_ids(city, target)
    message.recipients = len(people)
    have = {(d.user_id, d.channel) for d in message.deliveries}
    for user_id in people:
        for channel in (Channel.DASHBOARD, Channel.EMAIL):
            if (user_id, channel.value) not in have:
                db.session.add(NewsDelivery(message_id=message.id, user_id=user_id, channel=channel.value,
                                            status=DeliveryStatus.SENT.value, attempts=1, sent_at=message.sent_at,
                                            created_at=message.sent_at))
