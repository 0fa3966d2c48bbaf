"""``serve`` exposes nothing by accident: beyond loopback it needs a token and keeps the Host
check; the token comes from a file or the environment, and one on the command line is warned
about (every local user can read it in the process list)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from actorgraph.cli import app as cli_app
from actorgraph.errors import ConfigError
from actorgraph.store import Store
from actorgraph.web.app import create_app
from actorgraph.web.state import WebConfig, allowed_hosts, server_token

runner = CliRunner()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``serve`` would start: uvicorn.run records its app and address instead of serving."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.delenv("ACTORGRAPH_TOKEN", raising=False)
    return calls


def _serve(args: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> Any:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    return runner.invoke(cli_app, ["serve", "--db", db, *args], env=env or {})


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::"])
def test_a_public_address_without_a_token_is_refused(
    host: str, tmp_path: Path, started: list[dict[str, Any]]
) -> None:
    result = _serve(["--host", host], tmp_path)
    assert result.exit_code == 3 and started == []
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "token" in lines[0]


def test_a_wildcard_address_needs_the_names_clients_use(
    tmp_path: Path, started: list[dict[str, Any]]
) -> None:
    result = _serve(["--host", "0.0.0.0"], tmp_path, env={"ACTORGRAPH_TOKEN": "t0k"})
    assert result.exit_code == 3 and "--allowed-host" in result.stderr and started == []
    ok = _serve(
        ["--host", "0.0.0.0", "--allowed-host", "Box.Example"],
        tmp_path,
        env={"ACTORGRAPH_TOKEN": "t0k"},
    )
    assert ok.exit_code == 0, ok.stderr
    assert "warning" not in ok.stderr
    (call,) = started
    with TestClient(call["app"]) as c:
        assert c.get("/api/stats", headers={"Host": "box.example:8000"}).status_code == 200
        refused = c.get("/api/stats", headers={"Host": "rebound.example"})
        assert refused.status_code == 400


def test_the_token_from_a_file_and_a_warning_for_one_on_the_command_line(
    tmp_path: Path, started: list[dict[str, Any]]
) -> None:
    secret = tmp_path / "token"
    secret.write_text("from-the-file\n", encoding="utf-8")
    assert _serve(["--token-file", str(secret)], tmp_path).exit_code == 0
    assert started[-1]["app"].state.web.config.token == "from-the-file"
    shown = _serve(["--token", "on-the-line"], tmp_path)
    assert shown.exit_code == 0
    assert "warning:" in shown.stderr and "--token-file" in shown.stderr
    assert started[-1]["app"].state.web.config.token == "on-the-line"


@pytest.mark.parametrize("port", ["0", "99999", "-1"])
def test_a_port_out_of_range_is_one_line(
    port: str, tmp_path: Path, started: list[dict[str, Any]]
) -> None:
    result = _serve(["--port", port], tmp_path)
    assert result.exit_code in (2, 3) and started == []
    assert "Traceback" not in result.output


def test_token_sources_and_host_lists() -> None:
    assert server_token(None, None, None) is None
    assert server_token(None, " given ", "env") == "given"
    assert server_token(None, None, "env") == "env"
    with pytest.raises(ConfigError, match="cannot read the token file"):
        server_token(Path("/nonexistent/token"), None, None)
    assert allowed_hosts("::1", [], has_token=False) == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("10.0.0.2", [], has_token=True)[-1] == "10.0.0.2"
    with pytest.raises(ConfigError):
        allowed_hosts("10.0.0.2", [], has_token=False)


def test_the_host_check_holds_on_any_address(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'h.db'}") as store:
        config = WebConfig(token="t", allowed_hosts=allowed_hosts("10.0.0.2", [], has_token=True))
        with TestClient(create_app(config, store=store)) as c:
            assert c.get("/api/stats", headers={"Host": "10.0.0.2:8000"}).status_code == 200
            assert c.get("/api/stats", headers={"Host": "evil.example"}).status_code == 400
