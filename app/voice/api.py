"""/api/v1 city news: a marketer posts to the city's merchants; a merchant reads the news meant for them."""
from flask import g, request
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.voice.schemas import (MerchantNewsSchema, NewsCreatedSchema, NewsCreateSchema, PushEndpointSchema,
                               PushStateSchema, PushSubscriptionSchema)
from app.voice.services import news, push, targeting

blp = Blueprint("voice_api", __name__, description="City news to merchants")


@blp.route("/cities/<city>/news", methods=["POST"])
@marketer_required
@blp.arguments(NewsCreateSchema)
@blp.response(201, NewsCreatedSchema)
@blp.alt_response(404, description="Unknown town, or not a marketer of it")
@blp.alt_response(422, description="Invalid fields or target (`errors`), or nobody in the target "
                                   "(`code`: no_recipients); nothing is sent")
def create_news(body):
    """Send a message to the town's merchants (the owners of its approved shops), all of them or those on
    some streets and/or in some categories. The dashboard shows it at once; mails (in each merchant's
    language) and push notifications leave through the job queue. `recipients` is how many people get it."""
    target = targeting.make_target(body["target"].get("streets"), body["target"].get("categories"))
    values = {"kind": body["kind"], "title": body["title"], "body": body["body"], "starts_on": body["starts"],
              "ends_on": body["ends"], "lat": body["lat"], "lon": body["lon"], "on_public_map": body["public_map"],
              "public_line": body["public_line"]}
    message = news.post_news(g.city, current_actor(), values, target, base_url=request.host_url)
    return {"id": message.id, "recipients": message.recipients, "sent_at": message.sent_at}


@blp.route("/merchant/news", methods=["GET"])
@login_required
@blp.response(200, MerchantNewsSchema(many=True))
def list_my_news():
    """The city news meant for the signed-in merchant (newest first, the latest 50), each with whether it was
    read on the dashboard."""
    box = news.inbox(current_user)
    return [{"id": message.id, "city": message.city.slug, "kind": message.kind, "title": message.title,
             "body": message.body, "starts": message.starts_on, "ends": message.ends_on, "sent_at": message.sent_at,
             "read": read_at is not None} for message, read_at in box.items]


@blp.route("/merchant/push-subscriptions", methods=["POST"])
@login_required
@blp.arguments(PushSubscriptionSchema)
@blp.response(201, PushStateSchema)
@blp.alt_response(409, description="Web Push is not offered here (no VAPID keys configured; `code`: push_off)")
@blp.alt_response(422, description="Not a push service address or keys missing")
def subscribe_push(body):
    """Let this browser show city news as notifications: its PushSubscription ({endpoint, keys: {p256dh,
    auth}}), made with the key in the settings page. Turns the person's push channel on."""
    push.subscribe(current_actor(), body["endpoint"], body["keys"]["p256dh"], body["keys"]["auth"])
    return {"subscribed": True}


@blp.route("/merchant/push-subscriptions", methods=["DELETE"])
@login_required
@blp.arguments(PushEndpointSchema)
@blp.response(200, PushStateSchema)
def unsubscribe_push(body):
    """Stop notifications in this browser (its subscription's `endpoint`); with no browser left the push
    channel is off."""
    push.unsubscribe(current_actor(), body["endpoint"])
    return {"subscribed": False}
