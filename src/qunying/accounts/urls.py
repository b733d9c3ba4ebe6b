"""Accounts URLs."""

from django.urls import path

from qunying.accounts import twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # The second sign-in step: a stable prefix (gateways and the README point at it).
    path("2fa/", twofactor_views.TwoFactorVerifyView.as_view(), name="twofactor_verify"),
    path("2fa/setup/", twofactor_views.TwoFactorSetupView.as_view(), name="twofactor_setup"),
    path("2fa/settings/", twofactor_views.TwoFactorManageView.as_view(), name="twofactor_manage"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/export.xlsx", views.UserExportView.as_view(), name="user_export"),
    path("users/new/", views.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/", views.UserUpdateView.as_view(), name="user_update"),
    path("users/<int:pk>/password/", views.UserPasswordResetView.as_view(), name="user_password_reset"),
    path("users/<int:pk>/active/", views.UserActiveView.as_view(), name="user_active"),
    path("users/<int:pk>/2fa/reset/", twofactor_views.UserSecondFactorResetView.as_view(), name="user_twofactor_reset"),
    path("roles/", views.RoleAssignmentListView.as_view(), name="role_list"),
    path("roles/export.xlsx", views.RoleAssignmentExportView.as_view(), name="role_export"),
    path("roles/<int:pk>/revoke/", views.RoleRevokeView.as_view(), name="role_revoke"),
    path("tokens/", views.ApiTokenListView.as_view(), name="api_token_list"),
    path("tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api_token_revoke"),
]
