from django.db import models


class Audience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Children and young people"
    CARERS = "carers", "Carers"
    STAFF = "staff", "Staff"
    FAMILIES = "families", "Families"


class AgeBand(models.TextChoices):
    AGE_5_TO_7 = "5-7", "5 to 7"
    AGE_8_TO_11 = "8-11", "8 to 11"
    AGE_12_TO_18 = "12-18", "12 to 18"


class Theme(models.TextChoices):
    """Links the age-banded versions of one survey, and one survey across the years."""

    VOICE = "voice", "Your voice"
    FEELING_SUPPORTED = "feeling_supported", "Feeling supported"
    FAMILY_TIME = "family_time", "Family time"


class Layout(models.TextChoices):
    ONE_QUESTION_PER_PAGE = "one_question_per_page", "One question per page"
    ONE_PAGE = "one_page", "One page, with sections"


class AnsweredWith(models.TextChoices):
    """Whether a young person had someone helping them answer; recorded with the response."""

    NOT_ASKED = "", "Not asked"
    ON_MY_OWN = "on_my_own", "On their own"
    TRUSTED_ADULT = "trusted_adult", "With a trusted adult helping"
    RATHER_NOT_SAY = "rather-not-say", "Rather not say"


class CarerRole(models.TextChoices):
    """The optional label on a carers' invitation, kept with the response it leads to."""

    NONE = "", "No label"
    FOSTER = "foster", "Foster carer"
    KINSHIP = "kinship", "Kinship carer"
    ADOPTER = "adopter", "Adoptive parent"
