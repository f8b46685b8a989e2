"""Cells for spreadsheets that people download: the one place that keeps a cell from running as a
formula when the file is opened (CSV or formula injection).

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is run by spreadsheet
programs; a leading apostrophe makes it plain text and is not shown. Every export calls this.
"""

from django.utils.encoding import force_str

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """`value` as a cell: text that could run as a formula gets a leading apostrophe; numbers,
    dates and empty cells are left as they are."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if not isinstance(value, str) and hasattr(value, "isoformat"):
        return value
    text = force_str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def spreadsheet_row(values) -> list:
    return [spreadsheet_safe(value) for value in values]


class SpreadsheetSafeExportMixin:
    """For Wagtail's report and listing exports (`SpreadsheetExportMixin`): every cell safe."""

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))
