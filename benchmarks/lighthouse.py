"""Lighthouse (mobile) on the built site, served compressed as GitHub Pages serves it. Prints the scores.

    npm i -E lighthouse@12.2.3 --prefix /tmp/lh
    .venv/bin/mkdocs build -d /tmp/site && .venv/bin/python benchmarks/lighthouse.py /tmp/site --lighthouse /tmp/lh

Figures only: nothing here passes or fails (see benchmarks/README.md for the recorded scores).
"""
import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
PAGES = {"home": "/", "plan": "/plans/hospital-annual/", "sector": "/sectors/hospital/", "snippet": "/snippets/festival-visits/"}


class Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded for text types when the client accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file():
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return _Body(body)
        return super().send_head()

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--lighthouse", default="/tmp/lh", help="folder where lighthouse@12.2.3 is installed")
    args = parser.parse_args()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzip, directory=args.site))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    binary = Path(args.lighthouse) / "node_modules" / ".bin" / "lighthouse"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
    for name, path in PAGES.items():
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            subprocess.run([str(binary), base + path, "--quiet", "--output=json", f"--output-path={report.name}",
                            f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
                           env=env, check=True, timeout=300)
            result = json.loads(Path(report.name).read_text(encoding="utf-8"))
        scores = {key: round(value["score"] * 100) for key, value in result["categories"].items()}
        failed = [audit["id"] for audit in result["audits"].values()
                  if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"]
        print(f"{name:8} {path:30} " + " ".join(f"{k} {v}" for k, v in scores.items()) + (f"  below: {failed}" if failed else ""))
    httpd.shutdown()


if __name__ == "__main__":
    sys.exit(main())
