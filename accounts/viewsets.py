"""Admin viewsets shared by the apps."""

from django.http import Http404

from wagtail.admin.viewsets.model import ModelViewSet


def _no_such_page(request, *args, **kwargs):
    raise Http404("Nobody adds, changes or deletes these here.")


class ReadOnlyModelViewSet(ModelViewSet):
    """Records that are looked at and never edited by hand (the staff audit log, survey
    responses). Register `accounts.permission_policies.ReadOnlyPermissionPolicy` for the model too,
    so that no button offers what nobody may do; the add, edit and delete pages then answer 404
    for everyone, whatever the id, instead of a form that cannot be used."""

    @property
    def add_view(self):
        return _no_such_page

    @property
    def edit_view(self):
        return _no_such_page

    @property
    def delete_view(self):
        return _no_such_page
