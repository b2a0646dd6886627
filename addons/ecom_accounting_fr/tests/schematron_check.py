# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run the compiled schematrons of ``tests/schematron`` (XSLT 2.0) on XML
documents with SaxonC-HE and list their failed assertions. Sources,
versions and licences of the artefacts: ``tests/schematron/README.md``.

SaxonC runs in a child process: its native image reserves more address
space than the memory limit Odoo's server sets on the test process
(``limit_memory_hard``, ``RLIMIT_AS``), which kills it, the way Odoo's own
tests start Chrome without that limit."""

import json
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

SCHEMATRON_DIR = Path(__file__).parent / "schematron"
#: official CEN/TC 434 validation artefacts, CII syntax (EN 16931 rules)
EN16931_CII = SCHEMATRON_DIR / "EN16931-CII-validation.xslt"
#: FNFE-MPE French rules (BR-FR, flux 2) for a CII invoice in EN 16931
BR_FR_CII = SCHEMATRON_DIR / "BR-FR-Flux2-Schematron-CII.xslt"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
TIMEOUT = 300


def _without_memory_limit():
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def schematron_failures(documents, stylesheet):
    """``{key: ["<id> (<flag>) at <location>: <text>", ...]}``: the failed
    assertions of the schematron ``stylesheet`` on each XML (bytes) of
    ``documents`` (``{key: xml}``)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for index, (key, xml) in enumerate(documents.items()):
            path = Path(folder) / f"{index}.xml"
            path.write_bytes(xml)
            paths[str(path)] = key
        result = subprocess.run(
            [sys.executable, __file__, str(stylesheet), *paths],
            capture_output=True,
            check=True,
            timeout=TIMEOUT,
            preexec_fn=_without_memory_limit,  # pylint: disable=subprocess-popen-preexec-fn
        )
    return {paths[path]: failures for path, failures in json.loads(result.stdout).items()}


def _main(stylesheet, *paths):
    from lxml import etree
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=stylesheet)
    failures = {}
    for path in paths:
        report = etree.fromstring(executable.transform_to_string(source_file=path).encode("utf-8"))
        failures[path] = [
            "{} ({}) at {}: {}".format(
                failure.get("id"),
                failure.get("flag"),
                re.sub(r"\[namespace-uri\(\)='[^']*'\]", "", failure.get("location") or ""),
                " ".join(failure.findtext("svrl:text", default="", namespaces=SVRL).split()),
            )
            for failure in report.iterfind(".//svrl:failed-assert", SVRL)
        ]
    json.dump(failures, sys.stdout)


if __name__ == "__main__":
    _main(*sys.argv[1:])
