from marshmallow import Schema, fields, validate


class LoginSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String(allow_none=True)
    display_name = fields.String(allow_none=True)
    is_admin = fields.Boolean()
    is_anonymous_shopper = fields.Boolean()
    marketer_of = fields.Method("_marketer_of", metadata={"type": "array", "items": {"type": "string"}})

    def _marketer_of(self, user):
        return sorted(m.city.slug for m in user.memberships)


class SessionSchema(Schema):
    user = fields.Nested(UserSchema)
    csrf_token = fields.String()


class MeSchema(Schema):
    user = fields.Nested(UserSchema, allow_none=True)
    csrf_token = fields.String()
