"""Sample arguments for the branch pages in tests/test_every_page.py, drawn from the demo data."""

from qunying.branches.models import BranchRating, PartyBranch, RatingRound, StarScheme


def sample_kwargs() -> dict:
    branch = PartyBranch.objects.get(name="半汤派出所党支部")
    scheme = StarScheme.objects.get(year=2022)
    rating_round = RatingRound.objects.get(scheme=scheme)
    rating = BranchRating.objects.get(round=rating_round, branch=branch)
    computed = scheme.criteria.filter(kind="computed").first()
    return {
        "branches:branch_detail": {"pk": branch.pk},
        "branches:branch_update": {"pk": branch.pk},
        "branches:scheme_detail": {"pk": scheme.pk},
        "branches:scheme_update": {"pk": scheme.pk},
        "branches:criterion_create": {"pk": scheme.pk},
        "branches:criterion_update": {"pk": computed.pk},
        **{
            f"branches:round_{name}": {"pk": rating_round.pk}
            for name in ("detail", "open", "refresh", "close", "compare", "export")
        },
        **{
            f"branches:rating_{name}": {"pk": rating.pk}
            for name in ("detail", "self_assess", "submit", "refresh", "review", "return", "approve", "publish")
        },
        "branches:rating_records": {"pk": rating.pk, "criterion": computed.pk},
    }
