"""The staff roles, as Django groups. A data migration creates them; later apps add permissions.

Kept in `cms` (the lowest layer) so that `surveys` and `participation` can name them too.
"""

EDITORS = "Editors"  # content and the Language of Care glossary
SURVEY_MANAGERS = "Survey managers"  # build surveys, generate invitations
ANALYSTS = "Analysts"  # results and exports
PARTICIPATION_NETWORK = "Participation Network"  # write and review "you said, we did"
SAFEGUARDING_LEADS = "Safeguarding leads"  # flagged answers
ADMINISTRATORS = "Administrators"

ALL_ROLES = [
    EDITORS,
    SURVEY_MANAGERS,
    ANALYSTS,
    PARTICIPATION_NETWORK,
    SAFEGUARDING_LEADS,
    ADMINISTRATORS,
]

# Anyone in these groups can see responses, free text, exports or safeguarding flags,
# so they cannot reach the admin until they have set up multi-factor authentication.
ROLES_REQUIRING_MFA = {ANALYSTS, PARTICIPATION_NETWORK, SAFEGUARDING_LEADS, ADMINISTRATORS}
