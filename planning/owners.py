"""Matching free-text owners to members: records written before owners could be members name
them in free text; where that text is a member's name, offer to make the member the owner."""

from dataclasses import dataclass

from django.db import transaction

from newroles.accounts.models import User

from . import notices, records
from .models import ImplementationPlan


@dataclass(frozen=True)
class OwnerMatch:
    record: object
    member: User
    plan_title: str

    @property
    def key(self) -> str:
        return f"{self.record._meta.label_lower}:{self.record.pk}"

    @property
    def kind(self) -> str:
        return self.record._meta.verbose_name.capitalize()

    @property
    def owner_text(self) -> str:
        return getattr(self.record, self.record.OWNER_TEXT_FIELD)


def owner_matches(organisation) -> list[OwnerMatch]:
    """Records of the organisation's live plans with no member as owner whose free-text owner
    is exactly a member's name (ignoring case). One query per kind of record."""
    members = {}
    for user in User.objects.filter(memberships__organisation=organisation):
        members.setdefault(user.get_full_name().strip().lower(), user)
    members.pop("", None)
    plans = ImplementationPlan.objects.for_organisation(organisation).active()
    found = []
    for model in records.owned_models():
        field = model.OWNER_TEXT_FIELD
        if not field:
            continue
        candidates = (
            model.objects.filter(plan__in=plans, owner_member__isnull=True)
            .exclude(**{field: ""})
            .select_related("plan")
            .order_by("plan__title", "pk")
        )
        for record in candidates:
            member = members.get(getattr(record, field).strip().lower())
            if member:
                found.append(OwnerMatch(record, member, record.plan.title))
    return found


@transaction.atomic
def accept_owner_matches(*, organisation, keys, by=None) -> int:
    """Make the matched member the owner of each chosen record (`OwnerMatch.key`); each
    record's version rises, so anyone editing it meanwhile is told. Returns how many."""
    chosen = set(keys)
    done = 0
    for match in owner_matches(organisation):
        if match.key in chosen:
            record = match.record
            record.owner_member = match.member
            records.save_edit(record, based_on_version=record.lock_version)
            notices.tell_new_owner(record, by=by)
            done += 1
    return done
