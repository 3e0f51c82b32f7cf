"""Run one MkDocs build in this process and print its wall time, peak memory and phase timings as JSON."""
import json
import logging
import re
import resource
import sys
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config


class Phases(logging.Handler):
    def __init__(self):
        super().__init__()
        self.phases = {}

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("unionplans 用时："):
            self.phases = {name: float(seconds) for name, seconds in re.findall(r"([^：；]+?) ([\d.]+) s", message)}


phases = Phases()
logging.getLogger("mkdocs").addHandler(phases)
errors = logging.StreamHandler(sys.stderr)
errors.setLevel(logging.WARNING)
logging.getLogger("mkdocs").addHandler(errors)
logging.getLogger("mkdocs").setLevel(logging.INFO)
start = time.perf_counter()
build(load_config(sys.argv[1]))
wall = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024
print(json.dumps({"wall": wall, "peak_rss": peak, "phases": phases.phases}))
