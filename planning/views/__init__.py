"""The planning app's pages, a module per feature. `planning/urls.py` names each view by its
module (`plans.PlanListView`); `parts` holds the generic add/edit/bin views every app's plan
records use."""
