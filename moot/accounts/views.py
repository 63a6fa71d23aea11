from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moot.accounts import actions
from moot.accounts.forms import ApiTokenForm, ProfileForm, SignUpForm
from moot.accounts.models import ApiToken, User


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = actions.do_sign_up(
            data["email"], data["password"], data["display_name"], data["pseudonym"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to moot, %(name)s.") % {"name": user.shown_name})
        return redirect(_safe_next(request) or "groups:home")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _safe_next(request) or ""}
    return render(request, "accounts/signup.html", context, status=status)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.do_update_profile(
            user,
            display_name=data["display_name"],
            pseudonym=data["pseudonym"],
            language=data["language"],
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    status = 400 if request.method == "POST" else 200
    return _profile_page(request, user, status=status, form=form)


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        # The profile page shows no token-form errors of its own; say what is wrong.
        for error in form.errors.get("name", []):
            messages.error(request, str(error))
        return _profile_page(request, user, status=400, token_form=form)
    raw = actions.do_create_api_token(user, form.cleaned_data["name"])
    return _profile_page(request, user, new_token=raw)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=_user(request)).first()
    if token is None:
        raise Http404
    actions.do_revoke_api_token(token)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:profile")


def _profile_page(
    request: HttpRequest, user: User, *, status: int = 200, **context: object
) -> HttpResponse:
    """The profile page: the profile form, the tokens, and what the action adds."""
    context.setdefault("form", ProfileForm(instance=user))
    context["tokens"] = user.api_tokens.order_by("-created_at")
    return render(request, "accounts/profile.html", context, status=status)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user
