from rest_framework.permissions import SAFE_METHODS, BasePermission


class EditorWriteOrReadOnly(BasePermission):
    """Anyone may read; writing needs a signed-in user with the model's change permission.

    The model permission (not mere staff status) is what makes someone an
    editor: the Editors group holds it, Viewers do not.
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        model = getattr(getattr(view, "queryset", None), "model", None) or getattr(view, "write_model", None)
        if model is None:
            return user.is_superuser
        return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
