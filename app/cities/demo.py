"""Demo cities: facts from app/demo/cities.json, themes and texts chosen for each city."""
from sqlalchemy import select

from app.cities.models import City, CityStatus
from app.demo import city_facts
from app.extensions import db

# Names in the visitor languages; colours tuned from the programme's suggestions so that text on
# the primary colour passes WCAG AA.
CITY_TEXT = {
    "brugge": {
        "names": {"nl": "Brugge", "en": "Bruges", "fr": "Bruges", "de": "Brügge"},
        "theme": ("#C8102E", "#1F3A93", "#FFFFFF", "#1A1A1A"),
        "tagline": {"nl": "Winkelen tussen reien en torens", "en": "Shopping between canals and towers",
                    "fr": "Shopping entre canaux et tours", "de": "Einkaufen zwischen Grachten und Türmen"},
    },
    "oostende": {
        "names": {"nl": "Oostende", "en": "Ostend", "fr": "Ostende", "de": "Ostende"},
        "theme": ("#0B4F8A", "#D62828", "#FFFFFF", "#14213D"),
        "tagline": {"nl": "Stad aan zee, winkels met karakter", "en": "City by the sea, shops with character",
                    "fr": "Ville à la mer, boutiques de caractère", "de": "Stadt am Meer, Läden mit Charakter"},
    },
    "kortrijk": {
        "names": {"nl": "Kortrijk", "en": "Kortrijk", "fr": "Courtrai", "de": "Kortrijk"},
        "theme": ("#C8102E", "#3A3A3A", "#FFFFFF", "#1A1A1A"),
        "tagline": {"nl": "Design, Leie en lekker shoppen", "en": "Design, the Leie and good shopping",
                    "fr": "Design, la Lys et le plaisir du shopping", "de": "Design, die Leie und gutes Einkaufen"},
    },
    "roeselare": {
        "names": {"nl": "Roeselare", "en": "Roeselare", "fr": "Roulers", "de": "Roeselare"},
        "theme": ("#8B1E2D", "#2E4057", "#FFFFFF", "#1A1A1A"),
        "tagline": {"nl": "Rodenbachstad vol eigenzinnige zaken", "en": "Rodenbach's town, full of independent shops",
                    "fr": "La ville de Rodenbach, pleine de commerces indépendants",
                    "de": "Rodenbachs Stadt voller eigenwilliger Läden"},
    },
    "ieper": {
        "names": {"nl": "Ieper", "en": "Ypres", "fr": "Ypres", "de": "Ypern"},
        "theme": ("#B22222", "#6B4E16", "#FFFFFF", "#1A1A1A"),
        "tagline": {"nl": "Lakenhalle, vesten en winkels om de hoek", "en": "Cloth Hall, ramparts and shops around the corner",
                    "fr": "Halle aux draps, remparts et boutiques du coin", "de": "Tuchhallen, Wälle und Läden um die Ecke"},
    },
    # The sixth town: its shops and trail come in through the studio's import code (see shops/trails demo).
    # Colours: the IJzer's deep blue and IJzertoren brick, a design choice (not the town's house style).
    "diksmuide": {
        "names": {"nl": "Diksmuide", "en": "Diksmuide", "fr": "Dixmude", "de": "Diksmuide"},
        "theme": ("#1B4965", "#A4471B", "#FFFFFF", "#1A1A1A"),
        "tagline": {"nl": "Winkelen aan de IJzer, in de schaduw van de toren", "en": "Shopping on the Yser, in the tower's shadow",
                    "fr": "Shopping au bord de l’Yser, à l’ombre de la tour", "de": "Einkaufen an der IJzer, im Schatten des Turms"},
    },
}

INTRO = {
    "nl": "Wandel, ontdek unieke zaken en spaar stempels in het centrum.",
    "en": "Walk, discover unique shops and collect stamps in the centre.",
    "fr": "Promenez-vous, découvrez des boutiques uniques et collectionnez des tampons au centre.",
    "de": "Spazieren, einzigartige Läden entdecken und im Zentrum Stempel sammeln.",
}


def load() -> None:
    for facts in city_facts():
        slug = facts["slug"]
        text = CITY_TEXT[slug]
        city = db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()
        if city is None:
            city = City(slug=slug)
            db.session.add(city)
        primary, accent, background, text_colour = text["theme"]
        values = {
            "names": text["names"], "center_lat": facts["center"][0], "center_lon": facts["center"][1],
            "default_locale": facts["languages"]["primary"], "primary_color": primary,
            "accent_color": accent, "background_color": background, "text_color": text_colour,
            "tagline": text["tagline"], "intro": INTRO, "status": CityStatus.LIVE.value,
        }
        for key, value in values.items():
            if getattr(city, key, None) != value:
                setattr(city, key, value)
    db.session.flush()
