from .selectors import current_membership, memberships_of


class CurrentOrganisationMiddleware:
    """Attach the signed-in person's memberships and the organisation they work in now.

    One query, for all of a person's organisations (people belong to a handful at most);
    none for anonymous visitors. Read afresh on every request, so a removed member loses
    access at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = memberships_of(request.user)
        request.membership = current_membership(request)
        return self.get_response(request)
