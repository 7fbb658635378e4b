"""Photos in the site: the template filter that shows one, and the generator that writes
every photo a published post, page or campaign shows (images.py does the work)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator

from .buildstate import BuildState
from .images import PhotoSizes, picture_html, plan_for, write_photo
from .references import photo_at
from .settings import ContentSettings
from .views import edition_view


def photo_sizes(settings: Any) -> PhotoSizes:
    chosen = ContentSettings.of(settings)
    return PhotoSizes(chosen.image_max_width, chosen.image_widths)


@pass_context
def picture(context: Any, image: Any, css_class: str = "") -> Markup:
    """A Jinja filter for templates: {{ entry.hero|picture("hero") }}."""
    photo = photo_at(image.path, Path(context["PATH"]).resolve())
    # Photos are shared by the editions: written once, at the site's root.
    site_url = BuildState.of(context).root_url.rstrip("/")
    return picture_html(plan_for(photo, photo_sizes(context)), image.alt, site_url, css_class)


class PhotoGenerator(Generator):
    """Writes every photo shown by a published post or page (and nothing else), in any
    language: the main edition writes them for all, at the site's root."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        state = BuildState.of(self.settings)
        editions = state.editions
        if editions is None or state.language != editions.main or state.whole_site is None:
            return
        output = Path(self.output_path)
        sizes = photo_sizes(self.settings)
        content_root = state.whole_site.context.content_root
        views = [edition_view(state.whole_site, language) for language in editions.languages]
        wanted = sorted({image.path for view in views for image in view.published_images})
        for path in wanted:
            write_photo(plan_for(photo_at(path, content_root), sizes), output)
