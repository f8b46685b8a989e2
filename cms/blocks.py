from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# Easy-read pictures drawn for this site, served from static/images/easy-read/<name>.svg.
# One consistent set, as easy-read guidance asks, that needs no upload and no image hosting.
PICTOGRAMS = [
    ("speech-bubble", "Speech bubble (saying something)"),
    ("padlock", "Padlock (private, kept safe)"),
    ("people", "People together"),
    ("heart", "Heart (care, feelings)"),
    ("tick", "Tick (done, yes)"),
    ("telephone", "Telephone (call someone)"),
    ("house", "House (home)"),
    ("question-mark", "Question mark (asking)"),
]


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


class AvoidedPhraseBlock(blocks.StructBlock):
    """A word or phrase the Language of Care asks us not to use, with its other forms."""

    phrase = blocks.CharBlock(max_length=100, help_text="For example: placement")
    other_forms = blocks.CharBlock(
        max_length=300,
        required=False,
        help_text=(
            "Other forms of it, separated by commas: for example, placed, placing. "
            "Plurals ending in s, es or ies are found without listing them."
        ),
    )

    class Meta:
        icon = "openquote"
        label = "Words we used to say"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Main heading"), ("h3", "Smaller heading")],
        default="h2",
        help_text="Use a smaller heading only under a main heading.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "components/blocks/heading.html"
        preview_value = {"text": "What happens next", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "components/blocks/paragraph.html"
        preview_value = (
            "<p>We read every answer. Nobody will know which answers are yours unless you "
            "tell us who you are.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    """Something a reader must not miss, set apart from the text around it."""

    heading = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = "Callout"
        template = "components/blocks/callout.html"
        preview_value = {
            "heading": "If you are not safe",
            "text": "<p>Call 999 if you are in danger right now. Childline is free on "
            "0800 1111, any time.</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=(
            "What the picture shows, for people who cannot see it: for example, "
            "'Two young people painting a mural in Alloa'."
        ),
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        label = "Image"
        template = "components/blocks/image.html"

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": image.title if image else "", "caption": ""}
        )

    @property
    def is_previewable(self):
        return True


class EasyReadBlock(blocks.StructBlock):
    """A picture with one short sentence beside it. The sentence carries the meaning."""

    pictogram = blocks.ChoiceBlock(
        choices=PICTOGRAMS, required=False, help_text="One of the site's easy-read pictures."
    )
    image = ImageChooserBlock(required=False, help_text="Or your own picture instead.")
    sentence = blocks.CharBlock(
        max_length=160, help_text="One short sentence in plain words. Keep it under 15 words."
    )

    class Meta:
        icon = "user"
        label = "Easy read"
        template = "components/blocks/easy_read.html"
        preview_value = {"pictogram": "padlock", "sentence": "Your answers are private."}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("pictogram")) == bool(value.get("image")):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError("Choose one picture: one of ours or your own, not both.")
                ]
            )
        return value


class DetailsBlock(blocks.StructBlock):
    """More information a reader can open if they want it (a native <details>)."""

    summary = blocks.CharBlock(max_length=120, help_text="What the reader clicks to open it.")
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        label = "Details"
        template = "components/blocks/details.html"
        preview_value = {
            "summary": "Who reads my answers?",
            "content": "<p>A small team at the council and the Participation Network.</p>",
        }


class AccordionBlock(blocks.StructBlock):
    """Several details one under another; each opens on its own, with or without JavaScript."""

    heading = blocks.CharBlock(max_length=120, required=False)
    items = blocks.ListBlock(DetailsBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Accordion"
        template = "components/blocks/accordion.html"
        preview_value = {
            "heading": "Questions people ask",
            "items": [
                {"summary": "Do I have to answer?", "content": "<p>No. You can stop any time.</p>"},
                {
                    "summary": "Will my carer see my answers?",
                    "content": "<p>No. Your answers are not shown to your carer.</p>",
                },
            ],
        }


class WayInBlock(blocks.StructBlock):
    """A door into the site from the home page: a heading, a sentence and where it goes."""

    heading = blocks.CharBlock(max_length=60)
    text = blocks.CharBlock(max_length=200)
    page = blocks.PageChooserBlock(required=False)
    path = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text="Or an address on this site, starting with /: for example /surveys/",
    )

    class Meta:
        icon = "arrow-right"
        label = "Way in"
        template = "components/blocks/way_in.html"
        preview_value = {
            "heading": "Have your say",
            "text": "Answer a few short questions about what it is like for you.",
            "path": "/surveys/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("path")):
            raise StructBlockValidationError(
                non_block_errors=[ValidationError("Choose a page or give an address, not both.")]
            )
        if value.get("path") and not value["path"].startswith("/"):
            raise StructBlockValidationError(
                block_errors={"path": ValidationError("Start the address with /")}
            )
        return value


class ContentStreamBlock(blocks.StreamBlock):
    """The body of a content page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    easy_read = EasyReadBlock()
    details = DetailsBlock()
    accordion = AccordionBlock()
