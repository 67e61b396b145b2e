"""Reads on every request whose SQL the ORM writes once per process.

Building and compiling a queryset costs Django more than PostgreSQL takes to run a small query:
the plan lookup on every plan page, and a stage's answers on every stage page, spent two thirds
of their time there. A `PreparedRead` asks the ORM for the query once, with stand-in values,
and from then on runs the same SQL with the real values as parameters (`Manager.raw`, so rows
become model instances, annotations included, as from the queryset).

Only the values given as arguments vary; they must reach the SQL unchanged as parameters (an
`=` or `__in` lookup does; `__icontains`, which wraps its value in `%`, does not, and is refused
when the read is first prepared). Reads with `select_related` are not supported: `raw()` does
not follow joins.
"""

from django.db import connections

_STAND_IN_BASE = -7_317_000_000_000  # an int no key or value of the project takes


class PreparedRead:
    """`read = PreparedRead(lambda plan_id, stage: Model.objects.filter(...))`, then
    `read(plan.pk, "training-and-support")` returns the model instances of that queryset,
    in its order. An argument may be a tuple of values, for an `__in` lookup; the SQL is
    prepared once per length of such tuples and per database."""

    def __init__(self, build):
        self.build = build
        self.prepared = {}

    def __call__(self, *values):
        queryset, sql, slots = self._prepared(values)
        params = [
            constant if slot is None else values[slot] if index is None else values[slot][index]
            for slot, index, constant in slots
        ]
        return list(queryset.model._default_manager.db_manager(queryset.db).raw(sql, params))

    def _prepared(self, values):
        shape = (
            connections["default"].vendor,
            tuple(len(v) if isinstance(v, tuple) else None for v in values),
        )
        if shape not in self.prepared:
            self.prepared[shape] = self._prepare(values)
        return self.prepared[shape]

    def _prepare(self, values):
        stand_ins, where = [], {}
        for slot, value in enumerate(values):
            if isinstance(value, tuple):
                group = []
                for index in range(len(value)):
                    group.append(self._stand_in(len(where)))
                    where[group[-1]] = (slot, index)
                stand_ins.append(group)
            else:
                stand_ins.append(self._stand_in(len(where), like=value))
                where[stand_ins[-1]] = (slot, None)
        queryset = self.build(*stand_ins)
        if queryset.query.select_related:
            raise ValueError("a PreparedRead cannot follow joins (select_related)")
        sql, params = queryset.query.sql_with_params()
        slots = []  # each parameter: (argument, index in a tuple argument, or a constant)
        for param in params:
            if isinstance(param, int | str) and param in where:
                slots.append((*where[param], None))
            else:  # a value written into the queryset itself
                slots.append((None, None, param))
        unused = set(where) - {param for param in params if isinstance(param, int | str)}
        if unused:
            raise ValueError(f"a PreparedRead's values must reach the SQL unchanged: {unused}")
        return queryset, sql, slots

    @staticmethod
    def _stand_in(n, like=0):
        if isinstance(like, str):
            return f"\x1fstand-in {n}\x1f"
        return _STAND_IN_BASE - n
