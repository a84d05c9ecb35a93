"""Back-office widgets of the article form that are ours (not Django's or the editor's)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FocalPointInput(forms.NumberInput):
    """One coordinate (0..1) of the cover's focal point, as a number input.

    articles/admin/focal_point.js makes the cover preview of the same form clickable: a
    click (or the arrow keys, once the picture has the focus) sets both inputs and shows
    a marker. Without the script the two numbers can still be typed. `step="any"`: a value
    of 0.333 posted another way must not make the browser refuse to submit the form.
    """

    class Media:
        css = {"all": ["articles/admin/focal_point.css"]}
        js = ["articles/admin/focal_point.js"]

    def __init__(self, axis: str, attrs=None):
        base = {
            "class": "focal-input",
            "min": "0",
            "max": "1",
            "step": "any",
            "inputmode": "decimal",
            "data-focal-axis": axis,
        }
        if axis == "x":
            # The picture's accessible name and instructions, in the admin's language.
            base["data-focal-label"] = _("Focal point of the cover")
            base["data-focal-help"] = _(
                "Click the point of the picture that every crop must keep in view, or "
                "move it with the arrow keys (Shift: finer steps, Home: the centre)."
            )
            base["data-focal-status"] = _("__x__% across, __y__% down")
        super().__init__(attrs={**base, **(attrs or {})})
