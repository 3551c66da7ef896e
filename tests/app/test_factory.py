import pytest

from app import create_app
from app.config import build_config, normalise_database_url


def test_factory_uses_test_config(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key"


def test_factory_without_test_config_is_not_testing(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert not create_app().testing


def test_production_requires_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        build_config(tmp_path)


def test_production_requires_a_public_url(tmp_path, monkeypatch):
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("KICK_PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match="KICK_PUBLIC_URL must be set when KICK_ENV=production"):
        build_config(tmp_path)
    with pytest.raises(RuntimeError, match="KICK_PUBLIC_URL"):
        create_app()


def test_production_sets_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("KICK_PUBLIC_URL", "https://kick.example")
    config = build_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_development_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("KICK_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = build_config(tmp_path)["SECRET_KEY"]
    assert len(first) >= 40
    assert build_config(tmp_path)["SECRET_KEY"] == first


def test_database_and_redis_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db:5432/kick")
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    config = build_config(tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db:5432/kick"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"
    assert config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_defaults_are_embedded(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    config = build_config(tmp_path)
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'kick.sqlite3'}"
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_normalise_database_url_keeps_other_drivers():
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"
    assert normalise_database_url("postgresql://a@b/c") == "postgresql+psycopg://a@b/c"
