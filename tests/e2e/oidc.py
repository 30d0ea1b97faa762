"""A real OpenID Connect provider shaped like ProConnect, for the browser tests.

It is panva's `oidc-provider` (npm, installed by `make test` in tests/oidc_provider/), run by
Node.js on 127.0.0.1 with a port of its own, and stopped after the test. Entente talks to it as
it would to ProConnect: nothing on Entente's side is replaced.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "oidc_provider"
CLIENT_ID = "entente-tests"
CLIENT_SECRET = "un-secret-de-test-assez-long-pour-hs256-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, live_url: str, accounts: dict, code_ttl: int = 60):
        self.port = _free_port()
        self.domain = f"http://127.0.0.1:{self.port}"
        node = shutil.which("node")
        if node is None or not (PROVIDER_DIR / "node_modules" / "oidc-provider").exists():
            pytest.fail(
                "Fournisseur OpenID de test absent : `npm ci --prefix tests/oidc_provider` (`make test` le fait)."
            )
        env = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URI": f"{live_url}/connexion/proconnect/retour/",
            "OIDC_POST_LOGOUT_URI": f"{live_url}/",
            "OIDC_ACCOUNTS": json.dumps(accounts),
            "OIDC_CODE_TTL": str(code_ttl),
        }
        self.process = subprocess.Popen(
            [node, "server.mjs"], cwd=PROVIDER_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"le fournisseur OpenID de test s'est arrêté : {self.process.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("le fournisseur OpenID de test n'a pas démarré à temps")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def configure(self, settings) -> None:
        """Point Entente at this provider, exactly as the PROCONNECT_* variables would."""
        from entente.settings import proconnect_settings

        for name, value in proconnect_settings(self.domain, CLIENT_ID, CLIENT_SECRET).items():
            setattr(settings, name, value)
