"""Authorisation matrix as data: every write endpoint (HTML and API) x every role -> the expected answer.
Used by test_authz_matrix, test_form_input_shapes and test_no_store; the `refs` fixture (the demo rows
behind the placeholders, from `durable_refs` and `live_refs`) is in tests/app/conftest.py.

The matrix is data: one `Case` per endpoint says who may write. A test enumerates app.url_map and
fails when a write endpoint (POST/PUT/PATCH/DELETE) is missing here, so a new endpoint cannot ship
without deciding who may call it.

Outcome classes:
- allowed: the request passes the gate: 2xx/3xx (not to the login page), or a business refusal
  about the request itself (409 conflict, 410 expired, 422 invalid) — never 401/403/404;
- denied: 401/403/404, or for an HTML page a redirect to /login. Another city's or another
  merchant's row is a 404 (no existence leak), and a denied request changes no row.

Roles: anonymous, shopper (the demo shopper, who owns the card), other_merchant (owns another Brugge
shop), owner (owns the Brugge shop under test), other_marketer (Oostende), marketer (Brugge), admin,
desk (the Brugge city desk: city-pass rewards only) and staff (shop staff of the shop under test: its counter
and rewards only).
"""
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.accounts.services import find_user_by_email
from app.extensions import db
from tests.factories import CardFactory

ROLES = ("anonymous", "shopper", "other_merchant", "owner", "other_marketer", "marketer", "admin", "desk", "staff")
EMAILS = {"shopper": "shopper@kick.test", "other_merchant": "merchant2@brugge.kick.test",
          "owner": "merchant1@brugge.kick.test", "other_marketer": "marketer@oostende.kick.test",
          "marketer": "marketer@brugge.kick.test", "admin": "admin@kick.test", "desk": "desk@brugge.kick.test",
          "staff": "staff@brugge.kick.test"}
ALL = frozenset(ROLES)
SIGNED_IN = ALL - {"anonymous"}
MARKETER = frozenset({"marketer", "admin"})  # of Brugge, or the platform admin
OWNER = frozenset({"owner", "admin"})  # the shop's merchant (admins may act on any shop)
CARD_OWNER = frozenset({"shopper"})
ADMIN = frozenset({"admin"})  # the platform admin only
DESK = MARKETER | {"desk"}  # confirm city-pass rewards
COUNTER = OWNER | {"staff"}  # the counter and the rewards of the shop under test
BUSINESS_REFUSALS = {409, 410, 422}


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # placeholders filled from demo data (see `refs`)
    allowed: frozenset
    form: dict | None = None  # HTML form fields
    json: dict | None = None  # API body
    destructive: bool = False  # the first allowed call removes the row: each allowed role gets a fresh database
    cross: bool = False  # the path names city-owned rows: try them with another city's rows too
    expect: dict = field(default_factory=dict)  # role -> exact status where the class is not enough


T = "/brugge/studio/trails/{trail}"
P = "/brugge/studio/premises/{premise}"
MATRIX: dict[str, Case] = {
    # --- accounts and sessions (public by nature)
    "accounts.login": Case("POST", "/login", ALL, form={"email": "shopper@kick.test", "password": "kick-demo"}),
    "accounts.register": Case("POST", "/register", ALL, form={"email": "shopper@kick.test", "password": "x" * 12,
                                                              "confirm": "x" * 12}),
    "accounts.logout": Case("POST", "/logout", ALL),
    "accounts.resend_confirmation": Case("POST", "/account/confirm", SIGNED_IN),
    "accounts.change_password": Case("POST", "/account/password", SIGNED_IN,
                                     form={"current_password": "wrong", "new_password": "y" * 12, "confirm": "y" * 12}),
    "auth_api.login": Case("POST", "/api/v1/auth/login", ALL, json={"email": "shopper@kick.test",
                                                                     "password": "kick-demo"}),
    "auth_api.logout": Case("POST", "/api/v1/auth/logout", ALL),
    "auth_api.password_reset": Case("POST", "/api/v1/auth/password-reset", ALL, json={"email": "shopper@kick.test"}),
    # A weak new password: refused (422) for everyone, so the live link stays live for the next role.
    "auth_api.password_reset_confirm": Case("POST", "/api/v1/auth/password-reset/confirm", ALL,
                                            json={"token": "{reset_token}", "password": "x" * 12}),
    "accounts.forgot_password": Case("POST", "/account/password/forgot", ALL, form={"email": "shopper@kick.test"}),
    "accounts.reset_password": Case("POST", "/account/password/reset/{reset_token}", ALL,
                                    form={"password": "x" * 12, "confirm": "x" * 12}),
    # --- my data (privacy): every signed-in person for their own account; owners and admins get a 409
    "my_data.delete_account": Case("POST", "/account/delete", SIGNED_IN, form={"password": "kick-demo"},
                                   expect={"owner": 409, "other_merchant": 409, "admin": 409}),
    "privacy_api.delete_me": Case("DELETE", "/api/v1/me", SIGNED_IN, json={"password": "kick-demo"},
                                  expect={"owner": 409, "other_merchant": 409, "admin": 409, "shopper": 204}),
    # --- loyalty, shopper side: scanning is open (a first scan creates an anonymous shopper)
    # (the shop's owner gets a business refusal, own_shop: they give stamps there, they do not collect them)
    "loyalty.scan_post": Case("POST", "/brugge/s/{code}", ALL, expect={"owner": 409, "staff": 409}),
    "loyalty.enter_code": Case("POST", "/brugge/stamps/code", ALL, form={"shop_id": "{shop}", "digits": "000000"}),
    "loyalty_api.scan": Case("POST", "/api/v1/scan", ALL, json={"code": "{code}", "city": "brugge"},
                             expect={"owner": 409, "staff": 409}),
    "loyalty.redeem": Case("POST", "/brugge/stamps/cards/{card}/redeem", CARD_OWNER),
    "loyalty_api.redeem": Case("POST", "/api/v1/me/cards/{card}/redeem", CARD_OWNER),
    # --- loyalty, merchant side: a real waiting reward at the owner's shop
    "loyalty_merchant.confirm": Case("POST", "/merchant/rewards", COUNTER, form={"redeem_code": "{redeem_code}"},
                                     destructive=True),
    "loyalty_api.confirm_redemption": Case("POST", "/api/v1/merchant/redemptions", COUNTER,
                                           json={"redeem_code": "{redeem_code}"}, destructive=True),
    "loyalty_merchant.programme": Case("POST", "/merchant/shops/{shop}/stamps", OWNER, form={
        "stamps_required": "8", "reward_nl": "Gratis koffie", "cooldown_hours": "24", "active": "y"}),
    "loyalty_merchant.revoke_posters": Case("POST", "/merchant/shops/{shop}/posters/revoke", OWNER),
    # --- loyalty, city studio
    "loyalty_studio.city_pass": Case("POST", "/brugge/studio/pass", MARKETER, form={"title_nl": "Stadspas"}),
    "loyalty_studio.confirm_pass": Case("POST", "/brugge/studio/pass/rewards", DESK,
                                        form={"redeem_code": "{pass_redeem_code}"}, destructive=True),
    # --- shops, shoppers: favourites (any account; another city's shop is a 404)
    "shops_api.add_favourite": Case("PUT", "/api/v1/cities/brugge/me/favourites/{shop}", SIGNED_IN, cross=True,
                                    expect={role: 204 for role in SIGNED_IN}),
    "shops_api.remove_favourite": Case("DELETE", "/api/v1/cities/brugge/me/favourites/{shop}", SIGNED_IN,
                                       cross=True, expect={role: 204 for role in SIGNED_IN}),
    # --- shops, merchant side
    "merchant.join": Case("POST", "/merchant/join", ALL, form={"city": "brugge"}),
    "merchant.notifications_read": Case("POST", "/merchant/notifications/read", SIGNED_IN),
    "merchant.edit": Case("POST", "/merchant/shops/{shop}/edit", OWNER, form={"name_nl": ""}),
    "merchant.hours": Case("POST", "/merchant/shops/{shop}/hours", OWNER, form={}),
    "merchant.accessibility": Case("POST", "/merchant/shops/{shop}/accessibility", OWNER,
                                   form={"step_free": "yes", "door_width_cm": "90"}),
    "merchant.photos": Case("POST", "/merchant/shops/{shop}/photos", OWNER, form={}),
    "merchant.photo": Case("POST", "/merchant/shops/{shop}/photos/{photo}", OWNER, form={"alt_nl": "Etalage"}),
    "merchant.move_photo": Case("POST", "/merchant/shops/{shop}/photos/{photo}/move", OWNER, form={"direction": "down"}),
    "merchant.delete_photo": Case("POST", "/merchant/shops/{shop}/photos/{photo}/delete", OWNER, destructive=True),
    "merchant.submit": Case("POST", "/merchant/shops/{shop}/submit", OWNER),
    "shops_api.create_shop": Case("POST", "/api/v1/merchant/shops", SIGNED_IN, json={"city": "brugge"}),
    "shops_api.update_shop": Case("PATCH", "/api/v1/merchant/shops/{shop}", OWNER, json={
        "phone": "050 12 34 56", "accessibility": {"step_free": True, "door_width_cm": 90}}),
    "shops_api.submit_shop": Case("POST", "/api/v1/merchant/shops/{shop}/submit", OWNER),
    # --- shops, city studio (the pending Brugge shop)
    "shops_studio.invite_owner": Case("POST", "/brugge/studio/shops/{unclaimed_shop}/invite-owner", MARKETER,
                                      form={"email": "eigenaar@winkel.be"}, cross=True),
    "shops_studio.approve": Case("POST", "/brugge/studio/shops/{pending_shop}/approve", MARKETER, cross=True),
    "shops_studio.reject": Case("POST", "/brugge/studio/shops/{pending_shop}/reject", MARKETER,
                                form={"reason": "Foto's ontbreken"}, cross=True),
    "shops_studio.suspend": Case("POST", "/brugge/studio/shops/{shop}/suspend", MARKETER,
                                 form={"reason": "Tijdelijk dicht"}, cross=True),
    "shops_studio.reinstate": Case("POST", "/brugge/studio/shops/{shop}/reinstate", MARKETER, cross=True),
    "shops_studio.spotlight": Case("POST", "/brugge/studio/shops/{shop}/spotlight", MARKETER, form={}, cross=True),
    "shops_api.approve_shop": Case("POST", "/api/v1/cities/brugge/shops/{pending_shop}/approve", MARKETER,
                                   cross=True),
    "shops_api.reject_shop": Case("POST", "/api/v1/cities/brugge/shops/{pending_shop}/reject", MARKETER,
                                  json={"reason": "Foto's ontbreken"}, cross=True),
    # --- roles and invitations (issue 13): admins for every city, the studio for its desk, owners for staff
    "people.admin_invite": Case("POST", "/admin/people/invite", ADMIN,
                                form={"email": "nieuw@kick.test", "role": "desk", "city": "brugge"}),
    "people.admin_withdraw": Case("POST", "/admin/invitations/{invitation}/withdraw", ADMIN, destructive=True),
    "people.admin_revoke": Case("POST", "/admin/people/{desk_membership}/revoke", ADMIN, destructive=True),
    "people.studio_invite": Case("POST", "/brugge/studio/people/invite", MARKETER,
                                 form={"email": "nieuw@kick.test", "role": "desk"}),
    "people.studio_withdraw": Case("POST", "/brugge/studio/people/invitations/{invitation}/withdraw", MARKETER,
                                   destructive=True, cross=True),
    "people.studio_revoke": Case("POST", "/brugge/studio/people/{desk_membership}/revoke", MARKETER,
                                 destructive=True, cross=True),
    # The link's page: the invitee without an account (a weak password: 422, so the link stays live); any
    # other account is refused (403: the invitation is for another address).
    "people.invitation": Case("POST", "/invitations/{invitation_token}", frozenset({"anonymous"}),
                              form={"step": "register", "password": "x" * 12, "confirm": "x" * 12},
                              expect={"anonymous": 422, "admin": 403, "desk": 403}),
    "people_api.invite": Case("POST", "/api/v1/cities/brugge/invitations", MARKETER,
                              json={"email": "nieuw@kick.test", "role": "desk"}),
    "shop_staff.invite": Case("POST", "/merchant/shops/{shop}/staff/invite", OWNER, form={"email": "nieuw@kick.test"}),
    "shop_staff.withdraw": Case("POST", "/merchant/shops/{shop}/staff/invitations/{staff_invitation}/withdraw",
                                OWNER, destructive=True),
    "shop_staff.revoke": Case("POST", "/merchant/shops/{shop}/staff/{staff_membership}/revoke", OWNER,
                              destructive=True),
    "shops_api.invite_staff": Case("POST", "/api/v1/merchant/shops/{shop}/staff", OWNER,
                                   json={"email": "nieuw@kick.test"}),


    # --- imports (a form without its file: the import's own 422 for those who may)
    "shops_studio.import_shops": Case("POST", "/brugge/studio/shops/import", MARKETER, form={}),
    "shops_api.import_shops": Case("POST", "/api/v1/cities/brugge/shops/import", MARKETER, form={}),
    "trails_studio.import_gpx": Case("POST", "/brugge/studio/trails/import", MARKETER, form={}),
    "trails_api.import_gpx": Case("POST", "/api/v1/cities/brugge/trails/import", MARKETER, form={}),
    # --- figures: anonymous counters (anyone, no session needed), footfall (the studio; the push takes a
    # vendor's token, never a session: every role without one is a 401)
    "figures_api.event": Case("POST", "/api/v1/events", ALL, json={"city": "brugge", "kind": "page_view",
                                                                   "ref": "home"}, expect={"anonymous": 204}),
    "figures_api.push_counts": Case("POST", "/api/v1/cities/brugge/footfall", frozenset(),
                                    json=[{"point": "MATRIX", "hour": "2026-01-05T10:00:00+01:00", "count": 1}],
                                    expect={"marketer": 401, "admin": 401}),
    "figures_studio.footfall_import": Case("POST", "/brugge/studio/footfall/import", MARKETER, form={}),
    "figures_studio.footfall_new_point": Case("POST", "/brugge/studio/footfall/points/new", MARKETER,
                                              form={"code": "", "name": ""}, expect={"marketer": 422}),
    "figures_studio.footfall_point": Case("POST", "/brugge/studio/footfall/points/{counting_point}", MARKETER,
                                          form={"code": "", "name": ""}, cross=True, expect={"marketer": 422}),
    "figures_studio.footfall_new_token": Case("POST", "/brugge/studio/footfall/tokens", MARKETER,
                                              form={"label": "Matrix"}, expect={"marketer": 201}),
    "figures_studio.footfall_revoke_token": Case("POST", "/brugge/studio/footfall/tokens/{footfall_token}/revoke",
                                                 MARKETER, cross=True),
    # --- vacancy register (the city's marketers; another city's premise, photo or incentive is a 404)
    "premises_studio.new": Case("POST", "/brugge/studio/premises/new", MARKETER, form={"address": ""},
                                expect={"marketer": 422}),
    "premises_studio.edit": Case("POST", P, MARKETER, form={"address": ""}, cross=True, expect={"marketer": 422}),
    "premises_studio.change_state": Case("POST", P + "/state", MARKETER, form={"state-state": "option"}, cross=True),
    "premises_studio.add_photo": Case("POST", P + "/photos", MARKETER, form={}, cross=True,
                                      expect={"marketer": 422}),
    "premises_studio.remove_photo": Case("POST", P + "/photos/{premise_photo}/delete", MARKETER, destructive=True,
                                         cross=True),
    "premises_studio.import_csv": Case("POST", "/brugge/studio/premises/import", MARKETER, form={}),
    "premises_studio.incentives": Case("POST", "/brugge/studio/premises/incentives", MARKETER, form={"name_nl": ""},
                                       expect={"marketer": 422}),
    "premises_studio.incentive": Case("POST", "/brugge/studio/premises/incentives/{incentive}", MARKETER,
                                      form={"name_nl": ""}, cross=True, expect={"marketer": 422}),
    "premises_api.create_premise": Case("POST", "/api/v1/cities/brugge/premises", MARKETER, json={"address": ""}),
    "premises_api.update_premise": Case("PATCH", "/api/v1/cities/brugge/premises/{premise}", MARKETER,
                                        json={"note": "Matrix"}, cross=True),
    # --- getting there (access), city studio: places, imports, feeds ("poll now" polls a port that refuses)
    "access_studio.import_file": Case("POST", "/brugge/studio/access/import", MARKETER, form={}),
    "access_studio.new_place": Case("POST", "/brugge/studio/access/places/new", MARKETER, form={"code": ""},
                                    expect={"marketer": 422}),
    "access_studio.place": Case("POST", "/brugge/studio/access/places/{access_place}", MARKETER, form={"code": ""},
                                cross=True, expect={"marketer": 422}),
    "access_studio.delete": Case("POST", "/brugge/studio/access/places/{access_place}/delete", MARKETER,
                                 destructive=True, cross=True),
    "access_studio.new_feed": Case("POST", "/brugge/studio/access/feeds/new", MARKETER, form={"name": ""},
                                   expect={"marketer": 422}),
    "access_studio.feed": Case("POST", "/brugge/studio/access/feeds/{access_feed}", MARKETER, form={"name": ""},
                               cross=True, expect={"marketer": 422}),
    "access_studio.poll": Case("POST", "/brugge/studio/access/feeds/{access_feed}/poll", MARKETER, cross=True),
    # --- questionnaires (room ask): the studio builds and sends; only a merchant who was asked may answer (the
    # owner of the shop under test; anyone else's answer is a 404); the shopper survey is for anyone signed in
    "questionnaires_studio.index": Case("POST", "/brugge/studio/questionnaires", MARKETER, form={},
                                        expect={"marketer": 422}),
    "questionnaires_studio.edit": Case("POST", "/brugge/studio/questionnaires/{questionnaire}", MARKETER, form={},
                                       cross=True, expect={"marketer": 422}),
    "questionnaires_studio.add_question": Case("POST", "/brugge/studio/questionnaires/{questionnaire}/questions",
                                               MARKETER, form={}, cross=True, expect={"marketer": 422}),
    "questionnaires_studio.remove_question": Case(
        "POST", "/brugge/studio/questionnaires/{questionnaire}/questions/{questionnaire_question}/remove", MARKETER,
        destructive=True, cross=True),
    "questionnaires_studio.send": Case("POST", "/brugge/studio/questionnaires/{questionnaire}/send", MARKETER,
                                       form={"preview": "1"}, cross=True, expect={"marketer": 200}),
    "questionnaires_studio.close": Case("POST", "/brugge/studio/questionnaires/{open_questionnaire}/close", MARKETER,
                                        cross=True),
    "questionnaires_merchant.answer": Case("POST", "/merchant/questionnaires/{open_questionnaire}",
                                           frozenset({"owner"}), form={}, expect={"owner": 422}),
    "ask_api.create_questionnaire": Case("POST", "/api/v1/cities/brugge/questionnaires", MARKETER, json={},
                                         expect={"marketer": 422}),
    "ask_api.answer_questionnaire": Case("POST", "/api/v1/merchant/questionnaires/{open_questionnaire}/answers",
                                         frozenset({"owner"}), json={"answers": {}}, expect={"owner": 422}),
    "surveys.answer": Case("POST", "/brugge/survey", SIGNED_IN, form={"score": "8"}),
    "surveys.dismiss": Case("POST", "/brugge/survey/dismiss", ALL),
    "surveys.results": Case("POST", "/brugge/studio/surveys", MARKETER, form={}, expect={"marketer": 422}),
    "ask_api.answer_survey": Case("POST", "/api/v1/survey-answers", SIGNED_IN, json={"city": "brugge", "score": 8},
                                  expect={"shopper": 201}),
    # --- city news to merchants (voice): the studio writes (a preview writes nothing), every signed-in person
    # chooses their own channels and reads their own news; push without VAPID keys is a 409 (not offered)
    "voice_studio.new": Case("POST", "/brugge/studio/news/new", MARKETER,
                             form={"action": "preview", "title_nl": "Matrix", "body_nl": "Matrix"}),
    "voice_studio.retry": Case("POST", "/brugge/studio/news/{news_message}/retry", MARKETER, cross=True),
    "voice_api.create_news": Case("POST", "/api/v1/cities/brugge/news", MARKETER,
                                  json={"title": {"nl": "Matrix"}, "body": {"nl": "Matrix"}}, expect={"marketer": 201}),
    "voice_merchant.read_all": Case("POST", "/merchant/news/read", SIGNED_IN),
    "voice_merchant.settings": Case("POST", "/merchant/news/settings", SIGNED_IN, form={"email": "y"}),
    "voice_api.subscribe_push": Case("POST", "/api/v1/merchant/push-subscriptions", SIGNED_IN,
                                     json={"endpoint": "https://push.example/matrix",
                                           "keys": {"p256dh": "k", "auth": "a"}}, expect={"owner": 409}),
    "voice_api.unsubscribe_push": Case("DELETE", "/api/v1/merchant/push-subscriptions", SIGNED_IN,
                                       json={"endpoint": "https://push.example/matrix"}),
    # --- city theme
    "pwa.theme_studio": Case("POST", "/brugge/studio/theme", MARKETER, form={}),
    # --- trails, city studio
    "trails_studio.new": Case("POST", "/brugge/studio/trails/new", MARKETER, form={"kind": "heritage"}),
    "trails_studio.edit": Case("POST", T, MARKETER, form={}, cross=True),
    "trails_studio.cover": Case("POST", T + "/cover", MARKETER, form={}, cross=True),
    "trails_studio.remove_cover": Case("POST", T + "/cover/remove", MARKETER, form={"version": "{trail_version}"}, cross=True),
    "trails_studio.delete": Case("POST", T + "/delete", MARKETER, form={"version": "{trail_version}"}, destructive=True, cross=True),
    "trails_studio.restore": Case("POST", T + "/history/{revision}/restore", MARKETER, form={"version": "{trail_version}"}, cross=True),
    "trails_studio.order": Case("POST", T + "/order", MARKETER, form={}, cross=True),
    "trails_studio.path": Case("POST", T + "/path", MARKETER, form={}, cross=True),
    "trails_studio.path_file": Case("POST", T + "/path/file", MARKETER, form={}, cross=True),
    "trails_studio.publish": Case("POST", T + "/publish", MARKETER, form={"version": "{trail_version}"}, cross=True),
    "trails_studio.unpublish": Case("POST", T + "/unpublish", MARKETER, form={"version": "{trail_version}"}, cross=True),
    "trails_studio.add_stop": Case("POST", T + "/stops", MARKETER, form={}, cross=True),
    "trails_studio.edit_stop": Case("POST", T + "/stops/{stop}", MARKETER, form={}, cross=True),
    "trails_studio.move_stop": Case("POST", T + "/stops/{stop}/move", MARKETER, form={"delta": "1", "version": "{trail_version}"}, cross=True),
    "trails_studio.remove_stop": Case("POST", T + "/stops/{stop}/remove", MARKETER, form={"version": "{trail_version}"}, destructive=True, cross=True),
    # --- trails, API
    "trails_api.create": Case("POST", "/api/v1/cities/brugge/trails", MARKETER,
                              json={"kind": "heritage", "title": {"nl": "Matrixwandeling"}}),
    "trails_api.patch": Case("PATCH", "/api/v1/cities/brugge/trails/{trail_slug}", MARKETER,
                             json={"version": 999}, cross=True),
    "trails_api.remove": Case("DELETE", "/api/v1/cities/brugge/trails/{trail_slug}", MARKETER, json={},
                              destructive=True, cross=True),
    "trails_api.publish": Case("POST", "/api/v1/cities/brugge/trails/{trail_slug}/publish", MARKETER, json={},
                               cross=True),
    "trails_api.unpublish": Case("POST", "/api/v1/cities/brugge/trails/{trail_slug}/unpublish", MARKETER, json={},
                                 cross=True),
    # --- platform admin: towns (a refused or unchanged write, so every role meets the same data)
    "admin.new_city": Case("POST", "/admin/cities/new", ADMIN, form={"slug": "login", "names_nl": "Matrix"},
                           expect={"admin": 422}),
    "admin.edit_city": Case("POST", "/admin/cities/brugge", ADMIN, form={"names_nl": ""}, expect={"admin": 422}),
    # A live town's studio answers "already live" with a redirect; the draft case is in test_city_lifecycle.
    "cities.go_live": Case("POST", "/brugge/studio/go-live", MARKETER, form={"status": "live", "confirm": "y"}),
    "admin.city_status": Case("POST", "/admin/cities/brugge/status", ADMIN, form={"status": "live", "confirm": "y"},
                              expect={"admin": 302}),
    "cities_api.create_city": Case("POST", "/api/v1/cities", ADMIN, json={
        "slug": "brugge", "names": {"nl": "Brugge"}, "center": {"lat": 51.2, "lon": 3.2}}, expect={"admin": 422}),
    "cities_api.update_city": Case("PATCH", "/api/v1/cities/brugge", ADMIN, json={"status": "live"},
                                   expect={"admin": 200}),
    # --- premises, matchmaker (room match): any signed-in person asks and keeps a concept; an entrepreneur
    # withdraws only their own request (the shopper's); stages and weights are the city's marketers'
    "premises_public.interest": Case("POST", "/brugge/premises/{match_premise}/interest", SIGNED_IN,
                                     form={"note": "Matrix"}, cross=True),
    "premises_public.profile": Case("POST", "/brugge/account/premises/profile", SIGNED_IN,
                                    form={"name": "Matrix", "category": "other"}),
    "premises_public.delete_profile": Case("POST", "/brugge/account/premises/profile/delete", SIGNED_IN),
    "premises_public.withdraw": Case("POST", "/brugge/account/premises/requests/{premise_match}/withdraw",
                                     frozenset({"shopper"}), destructive=True),
    "premises_match_api.express_interest": Case("POST", "/api/v1/cities/brugge/premises/{match_premise}/interest",
                                                SIGNED_IN, json={"note": "Matrix"}, cross=True,
                                                expect={"shopper": 201}),
    "premises_match.move_stage": Case("POST", "/brugge/studio/premises/matches/{premise_match}/stage", MARKETER,
                                      form={}, cross=True, expect={"marketer": 422}),
    "premises_match.propose": Case("POST", "/brugge/studio/premises/{match_premise}/propose", MARKETER, form={},
                                   cross=True, expect={"marketer": 422}),
    "premises_match.invite": Case("POST", "/brugge/studio/premises/matches/{premise_match}/invite", MARKETER,
                                  form={}, cross=True, expect={"marketer": 422}),
    "premises_match.weights": Case("POST", "/brugge/studio/premises/match-weights", MARKETER, form={"area": "3"}),
    "premises_match_api.move_match_stage": Case("POST", "/api/v1/cities/brugge/premise-matches/{premise_match}/stage",
                                                MARKETER, json={"stage": "visit", "version": 999}, cross=True,
                                                expect={"marketer": 409}),
    "premises_match_api.set_match_weights": Case("PUT", "/api/v1/cities/brugge/premise-match-weights", MARKETER,
                                                 json={"area": 3}),
    # --- the agenda: the studio's events and reviews (another city's event: 404), a merchant's proposal
    "agenda_studio.new": Case("POST", "/brugge/studio/agenda/new", MARKETER, form={"title_nl": ""},
                              expect={"marketer": 422, "admin": 422}),
    "agenda_studio.edit": Case("POST", "/brugge/studio/agenda/{event}", MARKETER, form={"title_nl": ""},
                               cross=True, expect={"marketer": 422, "admin": 422}),
    "agenda_studio.approve": Case("POST", "/brugge/studio/agenda/{event_proposal}/approve", MARKETER,
                                  form={"note": "Mooi!"}, cross=True),
    "agenda_studio.reject": Case("POST", "/brugge/studio/agenda/{event_proposal}/reject", MARKETER,
                                 form={"note": ""}, cross=True),
    "agenda_studio.cancel": Case("POST", "/brugge/studio/agenda/{event}/cancel", MARKETER, cross=True),
    "agenda_studio.publish": Case("POST", "/brugge/studio/agenda/{event}/publish", MARKETER, cross=True),
    "agenda_merchant.events": Case("POST", "/merchant/shops/{shop}/events", OWNER, form={"title_nl": ""},
                                   expect={"owner": 422, "admin": 422}),
}
# Endpoints that appear twice in the url_map (a city-themed and a plain URL) share one row.
ALIASES = {"/<city>/account/delete": "my_data.delete_account"}


def write_rules(app) -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if (rule.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}:
            rules.setdefault(rule.endpoint, []).append(rule.rule)
    return rules


def matrix_size() -> int:
    return len(MATRIX) * len(ROLES)


# ------------------------------------------------------------------ demo data behind the placeholders

def _imported_shop(city) -> int:
    """A shop the city imported from a CSV row without an address: nobody owns it yet."""
    import io

    from app.shops.services.imports import import_shops
    from app.shops.models import Shop
    row = f"Nog Op Te Eisen,Markt 1,{city.center_lat},{city.center_lon},other,,"
    import_shops(find_user_by_email(f"marketer@{city.slug}.kick.test"), city,
                 io.BytesIO(f"name,address,lat,lon,category,website,email\n{row}\n".encode()))
    return db.session.execute(select(Shop.id).where(Shop.city_id == city.id, Shop.slug == "nog-op-te-eisen")
                              ).scalar_one()


def durable_refs(app, city_slug: str) -> dict:
    """Ids of demo rows the matrix works on: the Brugge shop of merchant1, its photo, a trail with stops and
    history, a full card... These rows are written once per run into a template database (see `refs` in
    tests/app/conftest.py); what expires within minutes (codes, links) is made per test by `live_refs`."""
    from app.cities.models import City
    from app.loyalty.models import Card, CityPass
    from app.loyalty.services.programmes import ensure_programme
    from app.shops.models import Shop, ShopPhoto
    from app.trails.models import Trail, TrailRevision, TrailStop

    with app.test_request_context():
        city = db.session.execute(select(City).where(City.slug == city_slug)).scalar_one()
        shops = db.session.execute(select(Shop).where(Shop.city_id == city.id).order_by(Shop.id)).scalars().all()
        shop = next(s for s in shops if s.status == "approved")
        pending = next(s for s in shops if s.status == "pending")
        trail = db.session.execute(select(Trail).where(Trail.city_id == city.id).order_by(Trail.id)).scalars().first()
        programme = ensure_programme(shop)
        refs = {
            "shop": shop.id, "pending_shop": pending.id, "trail": trail.id, "trail_slug": trail.slug,
            "trail_version": trail.version,
            "photo": db.session.execute(select(ShopPhoto.id).where(ShopPhoto.shop_id == shop.id)
                                        .order_by(ShopPhoto.id)).scalars().first(),
            "stop": db.session.execute(select(TrailStop.id).where(TrailStop.trail_id == trail.id)
                                       .order_by(TrailStop.position)).scalars().first(),
            "revision": db.session.execute(select(TrailRevision.id).where(TrailRevision.trail_id == trail.id)
                                           .order_by(TrailRevision.id)).scalars().first(),
            "unclaimed_shop": _imported_shop(city),
        }
        shopper = find_user_by_email(EMAILS["shopper"])
        card = db.session.execute(select(Card).where(Card.user_id == shopper.id, Card.programme_id == programme.id)
                                  ).scalar_one_or_none()
        if card is None:
            card = CardFactory(user=shopper, programme=programme)
        card.stamps = programme.stamps_required  # full: the owner has a reward to confirm
        db.session.commit()
        refs["card"] = card.id
        # a full city pass waiting at the city desk
        city_pass = db.session.execute(select(CityPass).where(CityPass.city_id == city.id)).scalar_one()
        pass_card = db.session.execute(select(Card).where(Card.user_id == shopper.id, Card.pass_id == city_pass.id)
                                       ).scalar_one_or_none()
        if pass_card is None:
            pass_card = CardFactory(user=shopper, programme=None, city_pass=city_pass)
        pass_card.stamps, pass_card.redeemed_count = city_pass.distinct_shops_required, 0
        db.session.commit()
        refs["pass_card"] = pass_card.id
        refs.update(_role_refs(city, shop))
        refs.update(_figures_refs(city))
        refs.update(_premises_refs(city))
        refs.update(_match_refs(city, shopper))
        refs.update(_access_refs(city))
        refs.update(_questionnaire_refs(city, shop))
        refs.update(_voice_refs(city))
        refs.update(_agenda_refs(city))
        db.session.remove()
    return refs


def live_refs(app, durable: dict) -> dict:
    """`durable` plus what is only valid for minutes, made now: the shop's counter code, reward codes waiting at
    the counter and the city desk, a password-reset link and the desk invitation's link."""
    from app.accounts.invitations import invitation_link
    from app.accounts.models import Invitation
    from app.accounts.recovery import reset_link
    from app.loyalty.models import Card
    from app.loyalty.services.programmes import counter_code, ensure_programme
    from app.loyalty.services.redemptions import request_redemption
    from app.shops.models import Shop

    with app.test_request_context():
        refs = dict(durable)
        refs["code"] = counter_code(ensure_programme(db.session.get(Shop, durable["shop"]))).url.rsplit("/", 1)[-1]
        refs["redeem_code"] = request_redemption(db.session.get(Card, durable["card"])).code
        refs["pass_redeem_code"] = request_redemption(db.session.get(Card, durable["pass_card"])).code
        refs["reset_token"] = reset_link(find_user_by_email(EMAILS["shopper"])).rsplit("/", 1)[-1]
        refs["invitation_token"] = invitation_link(db.session.get(Invitation, durable["invitation"])
                                                   ).rsplit("/", 1)[-1]
        db.session.commit()
        db.session.remove()
    return refs


def _role_refs(city, shop) -> dict:
    """A pending desk invitation of the city and a staff invitation of the shop; the demo desk and staff."""
    from app.accounts.invitations import invite
    from app.accounts.models import Membership, User
    from app.core.auth import Role
    admin, owner = find_user_by_email(EMAILS["admin"]), db.session.get(User, shop.owner_id)
    desk_invitation = invite(admin, email=f"uitgenodigd@{city.slug}.kick.test", role=Role.DESK, city=city)
    staff_invitation = invite(owner, email=f"hulp@{city.slug}.kick.test", role=Role.STAFF, city=city,
                              shop_id=shop.id)
    db.session.commit()
    memberships = db.session.execute(select(Membership).where(Membership.city_id == city.id)).scalars().all()
    return {
        "invitation": desk_invitation.id, "staff_invitation": staff_invitation.id,
        "desk_membership": next(m.id for m in memberships if m.role == Role.DESK),
        "staff_membership": next(m.id for m in memberships if m.role == Role.STAFF and m.shop_id == shop.id),
    }


def _premises_refs(city) -> dict:
    """A premise of the city's demo register with a photo (fake media keys), and one of its incentives."""
    from app.premises.models import Incentive, Premise, PremisePhoto
    premise = db.session.execute(select(Premise).where(Premise.city_id == city.id).order_by(Premise.id)).scalars().first()
    photo = PremisePhoto(premise_id=premise.id, phone_key="matrix/p.webp", thumb_key="matrix/t.webp", width=1, height=1)
    db.session.add(photo)
    db.session.commit()
    incentive = db.session.execute(select(Incentive.id).where(Incentive.city_id == city.id)).scalars().first()
    return {"premise": premise.id, "premise_photo": photo.id, "incentive": incentive}
def _agenda_refs(city) -> dict:
    """A published event of the city (a weekly market of the demo) and a merchant's proposal waiting for review."""
    from app.agenda.models import Event
    events = db.session.execute(select(Event).where(Event.city_id == city.id).order_by(Event.id)).scalars().all()
    return {"event": next(e.id for e in events if e.status == "published" and e.kind == "market"),
            "event_proposal": next(e.id for e in events if e.status == "proposed")}


def _figures_refs(city) -> dict:
    """A counting point and a vendor token of the city (made with the footfall services)."""
    from app.figures.services.footfall import create_footfall_token, save_footfall_point
    point = save_footfall_point(city, {"code": "MATRIX", "name": "Matrixstraat"})
    token, _secret = create_footfall_token(None, city, "Matrix")
    return {"counting_point": point.id, "footfall_token": token.id}


def _match_refs(city, shopper) -> dict:
    """An available premise of the city and the shopper's request for it (room match)."""
    from tests.factories import PremiseFactory, PremiseMatchFactory
    premise = PremiseFactory(city=city, address=f"Matrixstraat 1, {city.slug}", street="Matrixstraat")
    match = PremiseMatchFactory(premise=premise, user=shopper)
    db.session.commit()
    return {"match_premise": premise.id, "premise_match": match.id}


def _access_refs(city) -> dict:
    """A demo place of the city and a feed of its own (on a local port that refuses: a poll fails at once)."""
    from app.access.models import AccessPlace
    from app.access.services.feeds import save_feed
    place = db.session.execute(select(AccessPlace).where(AccessPlace.city_id == city.id)
                               .order_by(AccessPlace.id)).scalars().first()
    feed = save_feed(city, {"name": "Matrix", "adapter": "datex2", "url": "http://127.0.0.1:9/status.xml"})
    db.session.commit()
    return {"access_place": place.id, "access_feed": feed.id}


def _questionnaire_refs(city, shop) -> dict:
    """A draft questionnaire with one question, and an open one asked of the shop's owner only."""
    from datetime import timedelta

    from app.core import clock
    from app.voice.models import QuestionnaireRecipient, QuestionnaireStatus
    from app.voice.services.questionnaires import create_questionnaire
    values = {"title": {"nl": "Matrixvragen"}, "closes_on": clock.today() + timedelta(days=5),
              "questions": [{"kind": "score", "text": {"nl": "Cijfer?"}}]}
    draft = create_questionnaire(city, values, None)
    opened = create_questionnaire(city, values, None)
    opened.status, opened.sent_at = QuestionnaireStatus.OPEN.value, clock.now()
    db.session.add(QuestionnaireRecipient(questionnaire_id=opened.id, user_id=shop.owner_id))
    db.session.commit()
    return {"questionnaire": draft.id, "questionnaire_question": draft.questions[0].id,
            "open_questionnaire": opened.id}


def _voice_refs(city) -> dict:
    """The city's latest news message (the demo has one in Brugge and one in Oostende)."""
    from app.voice.models import NewsMessage
    return {"news_message": db.session.execute(select(NewsMessage.id).where(NewsMessage.city_id == city.id)
                                               .order_by(NewsMessage.id.desc())).scalars().first()}


def fill(value, values: dict):
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, dict):
        return {key: fill(inner, values) for key, inner in value.items()}
    return value


def row_counts(app) -> dict:
    with app.app_context():
        counts = {table.name: db.session.execute(select(func.count()).select_from(table)).scalar()
                  for table in db.metadata.sorted_tables}
        db.session.remove()
    return counts
