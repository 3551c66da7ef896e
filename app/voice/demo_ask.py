"""Demo questionnaires and shopper survey answers (called from app.voice.demo.load): in Roeselare a closed
questionnaire with published results (6 answers of 8 merchants asked) and an open one, and three months of
shopper answers so the NPS shows. Idempotent: rows are found by their Dutch title / city and month.

The closed questionnaire was sent before some demo shops existed: besides the shop owners of the demo,
five merchants of the centre (handelaar1..5@roeselare.kick.test, accounts without a shop in the demo)
were asked, so it has enough answers for its breakdowns to show.
"""
import random
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.demo import upsert_user
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.voice.models import (Questionnaire, QuestionnaireQuestion, QuestionnaireRecipient, QuestionnaireResponse,
                              QuestionnaireStatus, SurveyAnswer, SurveyQuestion, SurveyTopic)
from app.voice.services import targeting

CLOSED_TITLE = {"nl": "Hoe ervaart u het winkelcentrum?", "fr": "Comment vivez-vous le centre commerçant ?",
                "en": "How do you experience the shopping centre?", "de": "Wie erleben Sie die Einkaufsinnenstadt?"}
OPEN_TITLE = {"nl": "Koopzondag en kerstmarkt 2026", "fr": "Dimanche shopping et marché de Noël 2026",
              "en": "Shopping Sunday and Christmas market 2026", "de": "Verkaufsoffener Sonntag und Weihnachtsmarkt 2026"}
INTRO = {"nl": "Vijf minuten van uw tijd helpen ons het centrum beter te maken. Bedankt!",
         "en": "Five minutes of your time help us make the centre better. Thank you!",
         "fr": "Cinq minutes de votre temps nous aident à améliorer le centre. Merci !",
         "de": "Fünf Minuten Ihrer Zeit helfen uns, das Zentrum besser zu machen. Vielen Dank!"}
CLOSED_QUESTIONS = [
    ("score", {"nl": "Hoe tevreden bent u over de bereikbaarheid van uw winkel?",
               "en": "How satisfied are you with how easy your shop is to reach?",
               "fr": "Êtes-vous satisfait de l’accessibilité de votre commerce ?",
               "de": "Wie zufrieden sind Sie mit der Erreichbarkeit Ihres Geschäfts?"}, []),
    ("single", {"nl": "Wat zou het centrum het meest helpen?", "en": "What would help the centre most?",
                "fr": "Qu’est-ce qui aiderait le plus le centre ?", "de": "Was würde dem Zentrum am meisten helfen?"},
     [{"nl": "Meer parkeerplaatsen", "en": "More parking", "fr": "Plus de places de parking", "de": "Mehr Parkplätze"},
      {"nl": "Meer evenementen", "en": "More events", "fr": "Plus d’événements", "de": "Mehr Veranstaltungen"},
      {"nl": "Minder leegstand", "en": "Fewer empty shops", "fr": "Moins de cellules vides", "de": "Weniger Leerstand"}]),
    ("multiple", {"nl": "Op welke dagen is het het drukst?", "en": "Which days are busiest?",
                  "fr": "Quels sont les jours les plus animés ?", "de": "An welchen Tagen ist am meisten los?"},
     [{"nl": "Woensdag", "en": "Wednesday", "fr": "Mercredi", "de": "Mittwoch"},
      {"nl": "Vrijdag", "en": "Friday", "fr": "Vendredi", "de": "Freitag"},
      {"nl": "Zaterdag", "en": "Saturday", "fr": "Samedi", "de": "Samstag"}]),
    ("score", {"nl": "Welk cijfer geeft u de samenwerking met de stad?",
               "en": "What mark do you give working with the city?",
               "fr": "Quelle note donnez-vous à la collaboration avec la ville ?",
               "de": "Welche Note geben Sie der Zusammenarbeit mit der Stadt?"}, []),
    ("text", {"nl": "Wat wilt u nog kwijt aan het stadsteam?", "en": "Anything else for the city team?",
              "fr": "Autre chose à dire à l’équipe de la ville ?", "de": "Möchten Sie dem Team der Stadt noch etwas mitteilen?"}, []),
]
CLOSED_ANSWERS = [  # score, choice, days, score, text, may contact
    (7, 0, [1, 2], 8, "Het Stationsplein mag beter verlicht worden.", False),
    (6, 0, [2], 7, "", False),
    (8, 1, [1, 2], 8, "Graag een koopzondag in december.", True),
    (5, 0, [2], 6, "Leveringen in de Ooststraat zijn lastig voor 10 uur.", False),
    (7, 2, [0, 2], 9, "", False),
    (8, 1, [2], 7, "De kerstverlichting was prachtig vorig jaar!", False),
]
OPEN_QUESTIONS = [
    ("single", {"nl": "Doet u mee aan de koopzondag van 20 december?", "en": "Will you open on Sunday 20 December?",
                "fr": "Participez-vous au dimanche shopping du 20 décembre ?",
                "de": "Machen Sie beim verkaufsoffenen Sonntag am 20. Dezember mit?"},
     [{"nl": "Ja", "en": "Yes", "fr": "Oui", "de": "Ja"}, {"nl": "Nee", "en": "No", "fr": "Non", "de": "Nein"},
      {"nl": "Weet ik nog niet", "en": "Not sure yet", "fr": "Je ne sais pas encore", "de": "Weiß ich noch nicht"}]),
    ("score", {"nl": "Hoe belangrijk is de kerstmarkt voor uw zaak?",
               "en": "How important is the Christmas market for your business?",
               "fr": "Quelle importance le marché de Noël a-t-il pour votre commerce ?",
               "de": "Wie wichtig ist der Weihnachtsmarkt für Ihr Geschäft?"}, []),
    ("text", {"nl": "Ideeën voor de kerstmarkt?", "en": "Ideas for the Christmas market?",
              "fr": "Des idées pour le marché de Noël ?", "de": "Ideen für den Weihnachtsmarkt?"}, []),
]
# Net Promoter answers of three months: (months ago, how many, weights of 0..10), comments now and then.
SURVEY_MONTHS = [(2, 46, [1, 0, 1, 1, 2, 3, 4, 8, 10, 8, 8]), (1, 52, [0, 1, 1, 1, 1, 3, 4, 9, 11, 10, 11]),
                 (0, 31, [0, 0, 1, 0, 1, 2, 3, 6, 7, 6, 5])]
PARKING_MONTH = (1, 21, [0, 1, 2, 2, 3, 3, 3, 3, 2, 1])  # a report-card month on parking, marks 1..10
COMMENTS = ["Gezellig centrum, maar weinig bankjes op de Grote Markt.", "Parkeren aan het station is duur.",
            "Mooie winkels in de Ooststraat!", "Meer groen graag.", "De kerstmarkt was top.",
            "Jammer dat veel winkels op maandag dicht zijn."]


def _months_ago(n: int):
    month = clock.today().replace(day=1)
    for _i in range(n):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def _questionnaire(city, title, questions, status, closes_on, sent_at, author) -> tuple[Questionnaire, bool]:
    found = db.session.execute(select(Questionnaire).where(Questionnaire.city_id == city.id)).scalars().all()
    existing = next((q for q in found if (q.title or {}).get("nl") == title["nl"]), None)
    if existing is not None:
        return existing, False
    q = Questionnaire(city_id=city.id, title=title, intro=INTRO,
                      status=status.value, target={"streets": [], "categories": []}, closes_on=closes_on,
                      sent_at=sent_at, author_id=author.id,
                      closed_at=sent_at + timedelta(days=14) if status == QuestionnaireStatus.CLOSED else None)
    q.questions = [QuestionnaireQuestion(position=i, kind=kind, text=text, options=options)
                   for i, (kind, text, options) in enumerate(questions)]
    db.session.add(q)
    db.session.flush()
    return q, True


def load() -> None:
    city = db.session.execute(select(City).where(City.slug == "roeselare")).scalar_one_or_none()
    if city is None:
        return
    marketer = upsert_user("marketer@roeselare.kick.test", "Stadsteam Roeselare")
    owners = targeting.recipient_ids(city, targeting.make_target())
    people = [upsert_user(f"handelaar{n}@roeselare.kick.test", f"Handelaar {n}") for n in range(1, 6)]
    db.session.flush()
    others = [person.id for person in people]
    today, now = clock.today(), clock.now()
    closed, new = _questionnaire(city, CLOSED_TITLE, CLOSED_QUESTIONS, QuestionnaireStatus.CLOSED,
                                 today - timedelta(days=20), now - timedelta(days=34), marketer)
    if new:
        asked = sorted(set(owners) | set(others))
        answering = set(asked[:len(CLOSED_ANSWERS)])
        db.session.add_all(QuestionnaireRecipient(questionnaire_id=closed.id, user_id=user_id, mailed=True,
                                                  answered=user_id in answering) for user_id in asked)
        ids = [str(q.id) for q in closed.questions]
        for (score, choice, days, mark, text, contact), user_id in zip(CLOSED_ANSWERS, sorted(answering)):
            values = dict(zip(ids, [score, choice, days, mark, text]))
            db.session.add(QuestionnaireResponse(questionnaire_id=closed.id, contact_user_id=user_id if contact else None,
                                                 answers={k: v for k, v in values.items() if v not in ("", None)}))
    opened, new = _questionnaire(city, OPEN_TITLE, OPEN_QUESTIONS, QuestionnaireStatus.OPEN,
                                 today + timedelta(days=12), now - timedelta(days=2), marketer)
    if new:
        db.session.add_all(QuestionnaireRecipient(questionnaire_id=opened.id, user_id=user_id, mailed=True)
                           for user_id in owners)
    _survey_answers(city)
    db.session.commit()


def _survey_answers(city) -> None:
    have = db.session.execute(select(func.count()).select_from(SurveyAnswer).where(
        SurveyAnswer.city_id == city.id)).scalar_one()
    if have:
        return
    rng = random.Random(16)
    parking_month = _months_ago(PARKING_MONTH[0])
    if db.session.execute(select(SurveyQuestion).where(SurveyQuestion.city_id == city.id,
                                                       SurveyQuestion.month == parking_month)).first() is None:
        db.session.add(SurveyQuestion(city_id=city.id, month=parking_month, topic=SurveyTopic.PARKING.value))
    rows = []
    for months_ago, count, weights in SURVEY_MONTHS:
        month = _months_ago(months_ago)
        for score in rng.choices(range(0, 11), weights=weights, k=count):
            comment = rng.choice(COMMENTS) if rng.random() < 0.15 else None
            rows.append(SurveyAnswer(city_id=city.id, month=month, topic=SurveyTopic.NPS.value, score=score,
                                     comment=comment))
    months_ago, count, weights = PARKING_MONTH
    for score in rng.choices(range(1, 11), weights=weights, k=count):
        rows.append(SurveyAnswer(city_id=city.id, month=_months_ago(months_ago), topic=SurveyTopic.PARKING.value,
                                 score=score, comment="Te weinig plaatsen rond de Grote Markt." if score < 4 else None))
    db.session.add_all(rows)
