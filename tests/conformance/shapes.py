"""Schemas reduced to what clients depend on, and the comparison of two of them.

``describe`` reduces a schema (``$ref``, ``allOf``, ``oneOf``/``anyOf`` included) to a tree of
properties with type, nullability, enum values and required-ness, so that two documents that
spell the same shape differently (the contract's ``allOf`` of a base and a sub-object, our
flattened Pydantic models) compare equal. ``compare`` lists the differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.conformance.contract import resolve


@dataclass
class Node:
    """A schema reduced to what clients depend on."""

    types: frozenset[str] = frozenset()  # "string:uuid", "object", "array", ...
    nullable: bool = False
    enum: frozenset[Any] | None = None
    props: dict[str, Node] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Node | None = None
    read_only: bool = False


def describe(
    doc: dict[str, Any], schema: dict[str, Any], seen: frozenset[str] = frozenset()
) -> Node:
    ref = schema.get("$ref")
    if ref is not None:
        if ref in seen:  # a recursive shape: compared once, at its first occurrence
            return Node(types=frozenset({"object"}))
        seen |= {ref}
    schema = resolve(doc, schema)
    own = _own(doc, schema, seen)
    parts = [describe(doc, s, seen) for s in schema.get("allOf", [])]
    options = [describe(doc, s, seen) for key in ("oneOf", "anyOf") for s in schema.get(key, [])]
    node = own
    for part in parts:
        node = _both(node, part)
    if options:
        node = _both(node, _either(options))
    node.nullable = own.nullable or node.nullable
    return node


def _own(doc: dict[str, Any], schema: dict[str, Any], seen: frozenset[str]) -> Node:
    kind = schema.get("type")
    if kind is None and "properties" in schema:
        kind = "object"
    types = (
        frozenset({f"{kind}:{schema['format']}" if "format" in schema else kind})
        if kind
        else frozenset()
    )
    items = describe(doc, schema["items"], seen) if "items" in schema else None
    enum = schema.get("enum")
    return Node(
        types=types,
        nullable=bool(schema.get("nullable")),
        enum=frozenset(v for v in enum if v is not None) if enum is not None else None,
        props={
            name: describe(doc, sub, seen) for name, sub in schema.get("properties", {}).items()
        },
        required=frozenset(schema.get("required", [])),
        items=items,
        read_only=bool(schema.get("readOnly")),
    )


def _both(a: Node, b: Node) -> Node:
    """allOf: everything of both."""
    props = dict(a.props)
    for name, sub in b.props.items():
        props[name] = _both(props[name], sub) if name in props else sub
    return Node(
        types=a.types | b.types,
        nullable=a.nullable and b.nullable if a.types and b.types else a.nullable or b.nullable,
        enum=a.enum if a.enum is not None else b.enum,
        props=props,
        required=a.required | b.required,
        items=a.items or b.items,
        read_only=a.read_only or b.read_only,
    )


def _either(options: list[Node]) -> Node:
    """oneOf/anyOf: a property is required when every option that has it requires it."""
    props: dict[str, Node] = {}
    for option in options:
        for name, sub in option.props.items():
            props[name] = _either([props[name], sub]) if name in props else sub
    required = frozenset(
        name for name in props if all(name in o.required for o in options if name in o.props)
    )
    enums = [o.enum for o in options]
    items = [o.items for o in options if o.items is not None]
    return Node(
        types=frozenset().union(*(o.types for o in options)),
        nullable=any(o.nullable for o in options),
        enum=None if any(e is None for e in enums) else frozenset().union(*enums),  # type: ignore[arg-type]
        props=props,
        required=required,
        items=_either(items) if items else None,
        read_only=all(o.read_only for o in options),
    )


def writable(node: Node) -> Node:
    """The part of a shape a client sends: read-only properties left out, at every level."""
    return Node(
        types=node.types,
        nullable=node.nullable,
        enum=node.enum,
        props={n: writable(s) for n, s in node.props.items() if not s.read_only},
        required=frozenset(
            n for n in node.required if n in node.props and not node.props[n].read_only
        ),
        items=writable(node.items) if node.items else None,
    )


@dataclass
class Diff:
    problems: list[str] = field(default_factory=list)  # the contract's shape is not ours
    additions: list[str] = field(default_factory=list)  # ours has more (allowed, but listed)
    # Operations of ours the contract does not have, marked ``x-extension: true`` in our document
    extensions: list[str] = field(default_factory=list)


def compare(want: Node, have: Node, path: str, diff: Diff, sending: bool) -> None:
    """How our shape ``have`` differs from the contract's ``want`` at ``path``.

    Judged by what a client of the contract can rely on: in what it sends (``sending``), we may
    accept more (null, an omitted field, more enum values); in what it receives we may promise
    more (never null, always present, fewer enum values). The reverse is a problem; anything we
    have beyond the contract is an addition.
    """
    if want.types and have.types and want.types != have.types:
        diff.problems.append(f"{path}: type {_show(have.types)}, contract {_show(want.types)}")
    nulls = ("accepts null", "refuses null") if sending else ("returns null", "never null")
    _judge(diff, path, sending, nulls, want.nullable, have.nullable)
    if want.enum is not None:
        if have.enum is None:
            diff.problems.append(f"{path}: no enum, contract {_show(want.enum)}")
        else:
            wider = bool(have.enum - want.enum)
            narrower = bool(want.enum - have.enum)
            values = f"enum {_show(have.enum)}, contract {_show(want.enum)}"
            if (narrower and sending) or (wider and not sending):
                diff.problems.append(f"{path}: {values}")
            elif wider or narrower:
                diff.additions.append(f"{path}: {values}")
    for name, sub in want.props.items():
        where = f"{path}.{name}" if path else name
        if name not in have.props:
            diff.problems.append(f"{where}: missing")
            continue
        w, h = name in want.required, name in have.required
        _judge(diff, where, sending, ("optional", "required"), not w, not h)
        compare(sub, have.props[name], where, diff, sending)
    for name in have.props.keys() - want.props.keys():
        diff.additions.append(f"{path}.{name}" if path else name)
    if want.items is not None and have.items is not None:
        compare(want.items, have.items, f"{path}[]", diff, sending)


def _judge(
    diff: Diff, path: str, sending: bool, words: tuple[str, str], want: bool, have: bool
) -> None:
    """A yes/no trait (accepts/returns null, optional) that is lenient when we have it in what
    clients send and breaking when we have it in what they receive."""
    if want != have:
        text = (
            f"{path}: {words[0] if have else words[1]} (contract: {words[0] if want else words[1]})"
        )
        (diff.additions if have == sending else diff.problems).append(text)


def _show(values: Any) -> str:
    return "|".join(sorted(str(v) for v in values)) if values is not None else "-"
