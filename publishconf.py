"""Settings for publishing: everything in pelicanconf.py, plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address of the site, without a slash at the end.
SITEURL = os.environ.get("COPROWEEK_SITEURL", "https://coproweek.example.org")
RELATIVE_URLS = False
COPROWEEK_MINIFY = True  # smaller HTML and CSS; local builds stay readable
# Feeds are on and drafts are never written, in local builds as here (pelicanconf.py).

# Where `invoke publish` copies the site with rsync: a local folder or host:path.
PUBLISH_TARGET = os.environ.get("COPROWEEK_PUBLISH_TARGET", "")
