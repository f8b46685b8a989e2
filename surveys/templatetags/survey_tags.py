from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def survey_error_summary(context, anchor: str = "", change_links: bool = False) -> str:
    """The site's one error summary (components/error_summary.html), from what an answering page
    knows: problems with the whole form (`general_errors`), one question's (`error`, linked to
    its field or to `anchor`), or each of several questions' (`errors`, linked to them on this
    page or, with `change_links`, to each question's own page). Empty without a problem."""
    question = context.get("question")
    errors = [{"message": message} for message in context.get("general_errors") or []]
    if context.get("error"):
        field = anchor or (question.field_name if question is not None else "")
        errors.append({"message": context["error"], "anchor": field})
    survey = context.get("survey")
    for item, message in context.get("errors") or []:
        if change_links:
            url = survey.step_url("question", key=item.key) + "?change=1"
            errors.append({"message": message, "url": url})
        else:
            errors.append({"message": message, "anchor": item.field_name})
    if not errors:
        return ""
    return render_to_string("components/error_summary.html", {"errors": errors})


@register.filter
def thousands(number: int) -> str:
    """5000 as “5,000”, as the answering pages write every count of characters."""
    return f"{number:,}"
