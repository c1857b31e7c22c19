"""A small Language Server Protocol client over stdio, enough to drive yaml-language-server.

What an editor does, and no more: start the server, initialize it with the
settings a VS Code user would have (validation, hover and completion on, no
schema store), answer the server's requests (``workspace/configuration``,
and ``vscode/content``, through which an editor fetches a schema by its URL:
here the published schema's ``$id`` is served from the repository's copy,
so the test needs no network), open documents, and wait for diagnostics,
hovers and completions.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

Json = Any


class LspError(RuntimeError):
    """The server failed, answered with an error, or did not answer in time."""


class LspClient:
    """One yaml-language-server process, driven over stdio JSON-RPC."""

    def __init__(
        self,
        command: list[str],
        *,
        root: Path,
        settings: Mapping[str, Json],
        content: Callable[[str], str | None] = lambda uri: None,
        timeout: float = 30.0,
    ) -> None:
        self.settings, self.content, self.timeout = dict(settings), content, timeout
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._next_id = 0
        self._replies: dict[int, queue.Queue[Json]] = {}
        self._lock = threading.Lock()
        self.diagnostics: dict[str, list[Json]] = {}
        self._published = threading.Condition()
        self._versions: dict[str, int] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "publishDiagnostics": {"relatedInformation": False},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("yaml/registerContentRequest", None)
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    # -- the wire ------------------------------------------------------------------------

    def _send(self, message: Json) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self._dispatch(json.loads(out.read(length)))

    def _dispatch(self, message: Json) -> None:
        if "id" in message and "method" not in message:  # a reply to us
            self._replies[message["id"]].put(message)
        elif "id" in message:  # the server asks
            self._send({"jsonrpc": "2.0", "id": message["id"], **self._answer(message)})
        elif message.get("method") == "textDocument/publishDiagnostics":
            with self._published:
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
                self._published.notify_all()

    def _answer(self, message: Json) -> Json:
        method, params = message["method"], message.get("params")
        if method == "workspace/configuration":
            return {"result": [self.settings.get(item.get("section", ""), None) for item in params["items"]]}
        if method == "vscode/content":
            text = self.content(params if isinstance(params, str) else params[0])
            if text is None:
                return {"error": {"code": -32603, "message": f"no content for {params}"}}
            return {"result": text}
        return {"result": None}  # client/registerCapability, window/workDoneProgress/create, ...

    def request(self, method: str, params: Json) -> Json:
        """Send a request and wait for its result."""
        with self._lock:
            self._next_id += 1
            rid = self._next_id
            self._replies[rid] = queue.Queue()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        try:
            reply = self._replies[rid].get(timeout=self.timeout)
        except queue.Empty:
            raise LspError(f"no answer to {method} within {self.timeout} s") from None
        if "error" in reply:
            raise LspError(f"{method}: {reply['error']}")
        return reply.get("result")

    def notify(self, method: str, params: Json) -> None:
        """Send a notification."""
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    # -- documents -----------------------------------------------------------------------

    def open(self, uri: str, text: str) -> None:
        """Open a YAML document (the server validates it and publishes diagnostics)."""
        with self._published:
            self.diagnostics.pop(uri, None)
        self._versions[uri] = 1
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )

    def close(self, uri: str) -> None:
        """Close a document."""
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def wait_diagnostics(self, uri: str, *, settle: float = 0.6) -> list[Json]:
        """The diagnostics of ``uri`` once the server has published and gone quiet for ``settle`` s.

        The server may publish more than once for one document (a first pass,
        then one with the schema loaded); the last publication is the answer.
        """
        deadline = time.monotonic() + self.timeout
        with self._published:
            while uri not in self.diagnostics:
                if not self._published.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise LspError(f"no diagnostics for {uri} within {self.timeout} s")
            while True:
                before = self.diagnostics[uri]
                self._published.wait(timeout=settle)
                if self.diagnostics[uri] is before:
                    return list(before)

    def wait_all(self, uris: list[str], *, settle: float = 1.0) -> dict[str, list[Json]]:
        """The diagnostics of every ``uri``, once each has some and none changed for ``settle`` s."""
        deadline = time.monotonic() + self.timeout * max(1, len(uris) // 10)
        with self._published:
            while not all(u in self.diagnostics for u in uris):
                if not self._published.wait(timeout=max(0.0, deadline - time.monotonic())):
                    missing = [u for u in uris if u not in self.diagnostics]
                    raise LspError(f"no diagnostics for {missing[:3]} in time")
            while True:
                before = {u: self.diagnostics[u] for u in uris}
                self._published.wait(timeout=settle)
                if all(self.diagnostics[u] is before[u] for u in uris):
                    return {u: list(before[u]) for u in uris}

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover text at a 0-based position ('' for none)."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return str(contents.get("value", ""))
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        return str(contents)

    def completion(self, uri: str, line: int, character: int) -> list[str]:
        """The labels the server offers at a 0-based position."""
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return [item["label"] for item in items]

    def shutdown(self) -> None:
        """Ask the server to stop, then make sure it has."""
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except (LspError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=5)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()
