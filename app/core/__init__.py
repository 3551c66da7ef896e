"""Shared plumbing used by every feature: model mixins, tenancy, i18n, roles, errors."""
