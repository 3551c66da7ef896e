from marshmallow import Schema, fields, validate

from app.accounts.verification import address_to_confirm


class LoginSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))


class PasswordResetSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))


class PasswordResetConfirmSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=400),
                          metadata={"description": "From the link in the reset mail"})
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String(allow_none=True, metadata={"description": "The login: a confirmed address"})
    email_to_confirm = fields.Function(address_to_confirm, allow_none=True, metadata={
        "description": "An address waiting for its owner to open the link mailed to it"})
    display_name = fields.String(allow_none=True)
    is_admin = fields.Boolean()
    is_anonymous_shopper = fields.Boolean()
    marketer_of = fields.Method("_marketer_of", metadata={"type": "array", "items": {"type": "string"}})

    def _marketer_of(self, user):
        return sorted(m.city.slug for m in user.memberships if m.role == "marketer" and m.shop_id is None)


class SessionSchema(Schema):
    user = fields.Nested(UserSchema)
    csrf_token = fields.String()


class MeSchema(Schema):
    user = fields.Nested(UserSchema, allow_none=True)
    csrf_token = fields.String()


class InviteSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    role = fields.String(required=True, validate=validate.OneOf(["marketer", "desk"]), metadata={
        "description": "`marketer` (platform admins only) or `desk` (admins, or a marketer of the city)"})


class InvitationSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    role = fields.String()
    city = fields.Function(lambda inv: inv.city.slug)
    shop_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    expires_at = fields.DateTime(metadata={"description": "The link works until then (7 days), and once"})
