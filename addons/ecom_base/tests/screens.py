# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screens of the web client as a French merchant sees them, for browser
tests (``HttpCase``): a picture of each screen and the texts it shows.

- :func:`keep_screenshot`: while a ``browser_js`` / ``start_tour`` runs, the
  page is photographed just before the browser stops, into
  ``.state/screenshots/<name>.png``.
- :class:`FrenchScreenMixin`: opens a screen, runs a few steps (click, scan),
  fails on an error dialog, a traceback, an error notification or a visible
  English text that the suite's ``i18n/fr.po`` or Odoo's own translate, or a
  field label left without French; takes the screenshot and, once the screen
  passed, with ``ECOM_DOCS_SCREENSHOTS=1`` in the environment, copies it to
  ``docs/screenshots/<name>.png`` (256 colours: the README's pictures).
"""

import base64
import contextlib
import json
import logging
import os
import re
from pathlib import Path
from unittest.mock import patch

import polib

from odoo.modules.module import get_module_path
from odoo.tests.common import ChromeBrowser
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / ".state" / "screenshots"
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
#: prefix of the console message that carries what the page shows
MARK = "ECOM_SCREEN "


def _save_png(name, png):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(png)


def _publish(name):
    """Copy a checked screen's picture to the README's pictures, when asked."""
    if not os.environ.get("ECOM_DOCS_SCREENSHOTS"):
        return
    from PIL import Image

    # a palette of 256 colours keeps the committed pictures small
    image = Image.open(SCREENSHOTS / f"{name}.png").convert("RGB").quantize(colors=256)
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image.save(DOCS_SCREENSHOTS / f"{name}.png", optimize=True)


@contextlib.contextmanager
def keep_screenshot(name):
    """Photograph the page as the browser test left it (``name``: file name
    without ``.png``)."""
    original_stop = ChromeBrowser.stop

    def stop_after_screenshot(browser):
        try:
            future = browser._websocket_send("Page.captureScreenshot", with_future=True)
            _save_png(name, base64.b64decode(future.result(timeout=30)["data"]))
        except Exception as exc:  # noqa: BLE001 - a picture must not hide the test's result
            _logger.warning("no screenshot %s: %s", name, exc)
        return original_stop(browser)

    with patch.object(ChromeBrowser, "stop", stop_after_screenshot):
        yield


#: {module: {msgid: msgstr}} of Odoo's own fr.po files, read once
_CORE_TERMS = {}


def _core_terms(module):
    if module not in _CORE_TERMS:
        path = Path(get_module_path(module)) / "i18n" / "fr.po"
        _CORE_TERMS[module] = {
            _norm(e.msgid): e.msgstr
            for e in polib.pofile(str(path))
            if not e.obsolete and e.msgstr and e.msgstr != e.msgid and len(e.msgid) > 2
        }
    return _CORE_TERMS[module]


def _norm(text):
    return re.sub(r"\s+", " ", text or "").strip()


# printf / format placeholders of the msgids
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfr]|%[sdfr]|\{\w*\}")


def _phrase(msgid):
    """The longest fixed part of ``msgid`` when it is a phrase (two words or
    more, ten characters or more) that a French text must not contain, else
    None."""
    part = max(PLACEHOLDER.split(msgid), key=len).replace("%%", "%").strip(" .:,%")
    return part if len(part) >= 10 and " " in part else None


# Waits for the screen, runs the steps, then reports what it shows.
SCREEN_JS = """
(async () => {
    const ready = %(ready)s;
    const steps = %(steps)s;
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const until = async (selector) => {
        for (let i = 0; i < 1800; i++) {
            const found = document.querySelector(selector);
            if (found) { return found; }
            await sleep(100);
        }
        throw new Error("not found in the page: " + selector);
    };
    const settle = async () => {
        await sleep(300);
        for (let i = 0; i < 100 && document.querySelector(".o_loading_indicator"); i++) {
            await sleep(100);
        }
        await sleep(300);
    };
    await until(ready);
    for (const step of steps) {
        if (step.click) {
            (await until(step.click)).click();
        }
        if (step.scan) {
            // a USB scanner: the text, then Enter
            const input = await until(step.scan[0]);
            input.focus();
            input.value = step.scan[1];
            input.dispatchEvent(new Event("input", { bubbles: true }));
            input.dispatchEvent(
                new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
        }
        if (step.wait) {
            await until(step.wait);
        }
        await settle();
    }
    await settle();
    if (document.activeElement) { document.activeElement.blur(); }
    const visible = (el) => el && el.checkVisibility({ visibilityProperty: true });
    const errors = [];
    for (const el of document.querySelectorAll(
            ".o_error_dialog, .o_dialog .o_error_detail, .o_notification.border-danger, "
            + ".o_notification_bar.bg-danger")) {
        if (visible(el)) { errors.push(el.innerText); }
    }
    const root = document.querySelector(".o_web_client") || document.body;
    // [text, where]: where = the element that shows it, for the failure message
    const texts = [];
    const where = (el) => el.tagName.toLowerCase()
        + (el.className && typeof el.className === "string"
            ? "." + el.className.trim().split(/\\s+/).slice(0, 3).join(".") : "");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (visible(node.parentElement)) {
            texts.push([node.textContent, where(node.parentElement)]);
        }
    }
    for (const line of root.innerText.split(/[\\n\\t]/)) { texts.push([line, "page text"]); }
    for (const el of root.querySelectorAll("[placeholder], [data-tooltip]")) {
        if (visible(el)) {
            texts.push([el.getAttribute("placeholder") || "", where(el) + "[placeholder]"]);
            texts.push([el.getAttribute("data-tooltip") || "", where(el) + "[data-tooltip]"]);
        }
    }
    if (/Traceback \\(most recent call last\\)/.test(root.innerText)) {
        errors.push("a traceback is shown");
    }
    console.log("%(mark)s" + JSON.stringify({ errors, texts }));
    console.log("test successful");
})();
"""


class FrenchScreenMixin:
    """For an ``HttpCase``: :meth:`check_french_screen` opens a screen as a
    French user and fails on errors or English texts (see the module)."""

    #: models whose untranslated field labels / selection values must not show
    screen_models = ()
    #: Odoo modules whose French terms a screen shows: their English msgids
    #: must not show either (a label of ours translated as itself, "Package")
    screen_core_modules = ("web", "mail", "product", "sale", "stock", "account", "delivery")
    #: French texts that are also English msgids of Odoo (the scale: Balance)
    screen_french_words = frozenset({"Balance"})

    @classmethod
    def _french_english_terms(cls):
        """``(terms, phrases)``: {English text: why it is wrong} for the
        texts a French screen must not show (the suite's msgids translated
        differently in ``fr.po``, labels / selection values of the displayed
        models' fields that have no French at all), and {English phrase: why}
        that no text may contain (see :func:`_phrase`)."""
        terms = {}
        phrases = {}
        for po_path in sorted(ROOT.glob("addons/*/i18n/fr.po")):
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete or not entry.msgstr or entry.msgstr == entry.msgid:
                    continue
                why = f"{po_path.parent.parent.name}/i18n/fr.po says “{entry.msgstr}”"
                terms.setdefault(_norm(entry.msgid), why)
                phrase = _phrase(_norm(entry.msgid))
                if phrase and phrase not in entry.msgstr:
                    phrases.setdefault(phrase, why)
        for module in cls.screen_core_modules:
            for msgid, msgstr in _core_terms(module).items():
                terms.setdefault(msgid, f"Odoo's {module}/i18n/fr.po says “{msgstr}”")
        if cls.screen_models:
            rows = cls.env.execute_query(
                SQL(
                    """SELECT f.model, f.name, f.field_description->>'en_US'
                         FROM ir_model_fields f
                        WHERE f.model IN %s AND NOT f.field_description ? 'fr_FR'
                    UNION ALL
                       SELECT f.model, f.name, s.name->>'en_US'
                         FROM ir_model_fields_selection s
                         JOIN ir_model_fields f ON f.id = s.field_id
                        WHERE f.model IN %s AND NOT s.name ? 'fr_FR'""",
                    tuple(cls.screen_models),
                    tuple(cls.screen_models),
                )
            )
            for model, field, label in rows:
                terms.setdefault(_norm(label), f"{model}.{field} has no French label")
        for word in cls.screen_french_words:
            terms.pop(word, None)
        return terms, phrases

    def check_french_screen(self, name, url, ready, steps=(), login=None, timeout=240):
        """Open ``url`` as ``login``, wait for the ``ready`` CSS selector, run
        ``steps`` (dicts: ``click`` a selector, ``scan`` ``[selector, text]``
        then Enter, ``wait`` for a selector), photograph the screen as
        ``name`` and check it.  Returns the set of visible texts."""
        report = {}
        original_console = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            if type == "log" and args:
                first = browser._from_remoteobject(args[0])
                if isinstance(first, str) and first.startswith(MARK):
                    report.update(json.loads(first[len(MARK) :]))
                    return None
            return original_console(browser, type, args=args, **kw)

        code = SCREEN_JS % {
            "ready": json.dumps(ready),
            "steps": json.dumps(list(steps)),
            "mark": MARK,
        }
        with (
            keep_screenshot(name),
            patch.object(ChromeBrowser, "_handle_console", handle_console),
        ):
            self.browser_js(url, code, login=login, timeout=timeout)
        self.assertTrue(report, f"{name}: the page did not report what it shows")
        self.assertFalse(report["errors"], f"{name}: the screen shows an error")
        shown = {}
        for text, where in report["texts"]:
            shown.setdefault(_norm(text), where)
        shown.pop("", None)
        english, phrases = self._french_english_terms()
        wrong = []
        for text, where in shown.items():
            if text in english:
                wrong.append(f"“{text}” in {where} ({english[text]})")
                continue
            # an English phrase inside a longer text (a name built from a term)
            for phrase, why in phrases.items():
                if phrase in text and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
                    wrong.append(f"“{phrase}” in “{text}” in {where} ({why})")
                    break
        wrong.sort()
        self.assertFalse(wrong, f"{name}: English in the French screen: " + "; ".join(wrong))
        _publish(name)
        return set(shown)
