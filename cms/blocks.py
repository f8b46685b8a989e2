from wagtail import blocks


class HelpContactBlock(blocks.StructBlock):
    """Someone a young person or carer can turn to, shown on every public page."""

    name = blocks.CharBlock(max_length=120, help_text="For example: Childline")
    telephone = blocks.CharBlock(
        max_length=40, help_text="As it should be dialled, for example 0800 1111"
    )
    when = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text="When to call, in plain words: for example, any time, day or night",
    )

    class Meta:
        icon = "mail"
        label = "Help contact"
        template = "components/blocks/help_contact.html"
        preview_value = {
            "name": "Childline",
            "telephone": "0800 1111",
            "when": "Free, any time, day or night",
        }
