"""Form fields in the Scottish Government Design System's markup, for the staff sign-in pages."""

from django import forms, template

from accounts.staff_sessions import staff_session_limits

register = template.Library()


@register.inclusion_tag("components/form_field.html")
def form_field(field, hint="", width=""):
    """A labelled input with its hint and errors tied to it by aria-describedby."""
    widget = field.field.widget
    # A placeholder vanishes as soon as someone types: the label and hint carry the meaning.
    widget.attrs.pop("placeholder", None)
    described_by = []
    if hint:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    is_checkbox = isinstance(widget, forms.CheckboxInput)
    classes = "ds_checkbox__input" if is_checkbox else "ds_input"
    if width and not is_checkbox:
        classes += f" ds_input--fixed-{width}"
    if field.errors and not is_checkbox:
        classes += " ds_input--error"
    attrs = {"class": classes}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "field": field,
        "hint": hint,
        "is_checkbox": is_checkbox,
        "widget": field.as_widget(attrs=attrs),
    }


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms_with_errors):
    """The design system's error summary: every problem, each linking to its field."""
    errors = []
    for form in forms_with_errors:
        if form is None or not form.errors:
            continue
        errors.extend({"message": error, "anchor": ""} for error in form.non_field_errors())
        for field in form:
            errors.extend({"message": error, "anchor": field.auto_id} for error in field.errors)
    return {"errors": errors}


@register.simple_tag
def session_limits():
    return staff_session_limits()
