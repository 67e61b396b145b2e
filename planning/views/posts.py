"""Posts, recruitment and the role's documentation (job description, banding)."""

from functools import cached_property

from django.urls import reverse

from ..forms import PostForm, RoleDocumentationForm
from ..models import Post, RoleDocumentation
from ..presenters import PostPosition
from .parts import PartCreateView, PartDeleteView, PartListView, PartSingletonView, PartUpdateView


class PostsPageMixin:
    def get_success_url(self):
        return reverse("planning:posts", args=[self.plan.pk])


class PostsView(PartListView):
    template_name = "planning/posts.html"
    model = Post
    page_title = "Posts and recruitment"

    @cached_property
    def position(self) -> PostPosition:
        return PostPosition.of(self.plan)

    def get_records(self):
        return self.position.posts

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["position"] = self.position
        return context


class PostCreateView(PostsPageMixin, PartCreateView):
    model = Post
    form_class = PostForm


class PostUpdateView(PostsPageMixin, PartUpdateView):
    model = Post
    form_class = PostForm


class PostDeleteView(PostsPageMixin, PartDeleteView):
    model = Post


class RoleDocumentationView(PostsPageMixin, PartSingletonView):
    model = RoleDocumentation
    form_class = RoleDocumentationForm
