# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fetch the payload of a supplier feed: ``(payload bytes, file name, feed
date as naive UTC datetime)``; raise ``UserError`` when it cannot be had."""

import base64
import glob
import os
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.ecom_base.paths import inside, resolve_folder
from odoo.addons.ecom_base.urls import UnsafeUrl, check_url


def fetch_upload(feed):
    if not feed.feed_file:
        raise UserError(feed.env._("Upload the supplier file on feed %s first.", feed.name))
    return (
        base64.b64decode(feed.feed_file),
        feed.feed_filename or "upload",
        fields.Datetime.now(),
    )


def fetch_folder(feed):
    # under the allowed root, no symbolic link, the pattern cannot leave it
    folder = resolve_folder(feed.env, feed.folder_path or "")
    if not os.path.isdir(folder):
        raise UserError(feed.env._("The folder %s does not exist on the server.", folder))
    paths = [
        path
        for path in glob.glob(os.path.join(folder, feed.file_pattern or "*"))
        if inside(folder, path)
    ]
    if not paths:
        raise UserError(
            feed.env._(
                "No file matching %(pattern)s in %(folder)s.",
                pattern=feed.file_pattern,
                folder=folder,
            )
        )
    path = max(paths, key=os.path.getmtime)
    with open(path, "rb") as handle:
        payload = handle.read()
    mtime = datetime.fromtimestamp(os.path.getmtime(path), timezone.utc).replace(tzinfo=None)
    return payload, os.path.basename(path), mtime


def _get(feed, url, auth, hops=5):
    """GET without following redirects blindly: each target is checked like
    the feed's URL (no private or local address)."""
    for _hop in range(hops):
        check_url(feed.env, url)
        response = requests.get(url, auth=auth, timeout=feed.timeout or 30, allow_redirects=False)
        if not response.is_redirect:
            return response
        target = urljoin(url, response.headers.get("Location", ""))
        if urlsplit(target).netloc != urlsplit(url).netloc:
            auth = None
        url = target
    raise UserError(feed.env._("The feed %s redirects too many times.", feed.name))


def fetch_url(feed):
    auth = (feed.auth_user, feed.auth_password or "") if feed.auth_user else None
    try:
        response = _get(feed, feed.url, auth)
        response.raise_for_status()
    except UnsafeUrl as exc:
        raise UserError(feed.env._(exc.args[0])) from exc
    except requests.RequestException as exc:
        # the message may repeat the URL, never the credentials
        raise UserError(
            feed.env._(
                "The feed %(feed)s could not be downloaded: %(error)s",
                feed=feed.name,
                error=exc,
            )
        ) from exc
    feed_date = fields.Datetime.now()
    last_modified = response.headers.get("Last-Modified")
    if last_modified:
        try:
            feed_date = (
                parsedate_to_datetime(last_modified).astimezone(timezone.utc).replace(tzinfo=None)
            )
        except (TypeError, ValueError):
            feed_date = fields.Datetime.now()
    name = feed.url.rstrip("/").rsplit("/", 1)[-1] or "feed"
    return response.content, name, feed_date


FETCHERS = {"upload": fetch_upload, "folder": fetch_folder, "url": fetch_url}
