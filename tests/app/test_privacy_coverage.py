"""Every column that points at a person belongs to a privacy part (export and deletion), decided here.

Like the authorisation matrix, this is a list a new personal column cannot ship without: a table that
references `users` and is missing below fails, and so does a part that no feature registers. The parts'
own tests prove what they export and forget; the database's ON DELETE rules (checked below) make sure a
deletion can never be blocked or leave a dangling reference."""
from app.core.registry import get_registry
from app.extensions import db

# table.column -> the privacy part (app.core.registry.add_privacy_part) that exports and forgets it
PERSONAL_COLUMNS = {
    "audit_entry.actor_id": "roles", "audit_entry.subject_id": "roles",
    "invitation.accepted_by_id": "roles", "invitation.withdrawn_by_id": "roles",
    "invitation.invited_by_id": "roles", "membership.user_id": "roles",
    "shop.owner_id": "shops", "shop_notification.user_id": "shops", "shop_favourite.user_id": "shops",
    "trail_revision.author_id": "trails",
    "card.user_id": "loyalty", "stamp.user_id": "loyalty", "pass_reward.user_id": "loyalty",
    "redemption.confirmed_by_id": "loyalty", "merged_shopper.account_id": "loyalty",
    "merged_shopper.anonymous_id": "loyalty",
    "footfall_token.created_by_id": "figures",
    "premise_state_change.changed_by_id": "premises",
    "concept_profile.user_id": "premises_matching", "premise_match.user_id": "premises_matching",
    "premise_match_change.by_id": "premises_matching",
    "agenda_event.proposed_by_id": "agenda",
    "news_message.author_id": "voice", "news_delivery.user_id": "voice", "news_preference.user_id": "voice",
    "push_subscription.user_id": "voice",
    "questionnaire.author_id": "questionnaires_and_surveys",
    "questionnaire_recipient.user_id": "questionnaires_and_surveys",
    "questionnaire_response.contact_user_id": "questionnaires_and_surveys",
    "survey_ask.user_id": "questionnaires_and_surveys",
}


def _user_columns():
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table.name == "users":
                yield f"{table.name}.{key.parent.name}", key.ondelete


def test_every_column_about_a_person_has_a_privacy_part(app):
    found = dict(_user_columns())
    assert set(found) == set(PERSONAL_COLUMNS), "decide the privacy part of: " + ", ".join(
        sorted(set(found) ^ set(PERSONAL_COLUMNS)))
    registered = {part.name for part in get_registry(app).privacy}
    assert set(PERSONAL_COLUMNS.values()) <= registered


def test_a_deletion_is_never_blocked_by_a_reference(app):
    # A shop's owner is the one exception on purpose: the shops part refuses the deletion first (hand the shop on).
    rules = dict(_user_columns())
    assert {column for column, rule in rules.items() if rule not in ("CASCADE", "SET NULL")} == {"shop.owner_id"}
