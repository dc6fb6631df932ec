"""Cases written from the examples of the Amazon EventBridge user guide (each with its page's URL).

The expected result restates what the page says the example pattern means; ``build_cases.py`` re-checks
each one on event-ruler and reports any disagreement.
"""

from __future__ import annotations

from typing import Any

OPS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html"
ARRAYS = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html"
CREATE = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html"


def _case(source: str, pattern: dict[str, Any], event: dict[str, Any], expected: bool) -> dict[str, Any]:
    return {"pattern": pattern, "event": event, "expected": expected, "source": source}


DOCS_CASES: list[dict[str, Any]] = [
    # "And": Location is "New York" and Day is "Monday"
    _case(OPS, {"Location": ["New York"], "Day": ["Monday"]}, {"Location": "New York", "Day": "Monday"}, True),
    _case(OPS, {"Location": ["New York"], "Day": ["Monday"]}, {"Location": "New York", "Day": "Friday"}, False),
    _case(OPS, {"Location": ["New York"], "Day": ["Monday"]}, {"Location": "New York"}, False),
    # Anything-but: state is any value besides "initializing"
    _case(OPS, {"state": [{"anything-but": "initializing"}]}, {"state": "running"}, True),
    _case(OPS, {"state": [{"anything-but": "initializing"}]}, {"state": "initializing"}, False),
    _case(OPS, {"state": [{"anything-but": "initializing"}]}, {"other": "x"}, False),
    # Anything-but (begins with): Region is not in the US
    _case(OPS, {"Region": [{"anything-but": {"prefix": "us-"}}]}, {"Region": "eu-west-1"}, True),
    _case(OPS, {"Region": [{"anything-but": {"prefix": "us-"}}]}, {"Region": "us-east-1"}, False),
    # Anything-but (ends with): FileName does not end with .png
    _case(OPS, {"FileName": [{"anything-but": {"suffix": ".png"}}]}, {"FileName": "photo.jpg"}, True),
    _case(OPS, {"FileName": [{"anything-but": {"suffix": ".png"}}]}, {"FileName": "photo.png"}, False),
    # Anything-but (ignore case)
    _case(OPS, {"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}, {"state": "INITIALIZING"}, False),
    _case(OPS, {"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}, {"state": "Running"}, True),
    # Anything-but using a wildcard: FilePath does not include /lib/
    _case(OPS, {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}, {"FilePath": "/usr/lib/x.so"}, False),
    _case(OPS, {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}, {"FilePath": "/usr/bin/x"}, True),
    _case(OPS, {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}, {"FilePath": "/lib/"}, False),
    # Begins with: Region is in the US
    _case(OPS, {"Region": [{"prefix": "us-"}]}, {"Region": "us-west-2"}, True),
    _case(OPS, {"Region": [{"prefix": "us-"}]}, {"Region": "eu-west-1"}, False),
    # Begins with (ignore case)
    _case(OPS, {"service": [{"prefix": {"equals-ignore-case": "eventb"}}]}, {"service": "EventBridge"}, True),
    _case(OPS, {"service": [{"prefix": {"equals-ignore-case": "eventb"}}]}, {"service": "lambda"}, False),
    # Empty: LastName is empty
    _case(OPS, {"LastName": [""]}, {"LastName": ""}, True),
    _case(OPS, {"LastName": [""]}, {"LastName": "Doe"}, False),
    # Equals / equals (ignore case)
    _case(OPS, {"Name": ["Alice"]}, {"Name": "Alice"}, True),
    _case(OPS, {"Name": ["Alice"]}, {"Name": "alice"}, False),
    _case(OPS, {"Name": [{"equals-ignore-case": "alice"}]}, {"Name": "ALICE"}, True),
    # Ends with / ends with (ignore case)
    _case(OPS, {"FileName": [{"suffix": ".png"}]}, {"FileName": "photo.png"}, True),
    _case(OPS, {"service": [{"suffix": {"equals-ignore-case": "tBridge"}}]}, {"service": "EventBridge"}, True),
    _case(OPS, {"service": [{"suffix": {"equals-ignore-case": "tBridge"}}]}, {"service": "EventBridgeX"}, False),
    # Exists / does not exist
    _case(OPS, {"ProductName": [{"exists": True}]}, {"ProductName": "x"}, True),
    _case(OPS, {"ProductName": [{"exists": True}]}, {"Other": "x"}, False),
    _case(OPS, {"ProductName": [{"exists": False}]}, {"Other": "x"}, True),
    _case(OPS, {"ProductName": [{"exists": False}]}, {"ProductName": "x"}, False),
    # Not: Weather is anything but "Raining"
    _case(OPS, {"Weather": [{"anything-but": ["Raining"]}]}, {"Weather": "Sunny"}, True),
    # Null: UserID is null
    _case(OPS, {"UserID": [None]}, {"UserID": None}, True),
    _case(OPS, {"UserID": [None]}, {"UserID": "null"}, False),
    _case(OPS, {"UserID": [None]}, {"Other": 1}, False),
    # Numeric (equals / range)
    _case(OPS, {"Price": [{"numeric": ["=", 100]}]}, {"Price": 100}, True),
    _case(OPS, {"Price": [{"numeric": ["=", 100]}]}, {"Price": 1.0e2}, True),
    _case(OPS, {"Price": [{"numeric": ["=", 100]}]}, {"Price": "100"}, False),
    _case(OPS, {"Price": [{"numeric": [">", 10, "<=", 20]}]}, {"Price": 20}, True),
    _case(OPS, {"Price": [{"numeric": [">", 10, "<=", 20]}]}, {"Price": 10}, False),
    # Or: PaymentType is "Credit" or "Debit"; $or across fields
    _case(OPS, {"PaymentType": ["Credit", "Debit"]}, {"PaymentType": "Debit"}, True),
    _case(OPS, {"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]}, {"Day": "Monday"}, True),
    _case(OPS, {"$or": [{"Location": ["New York"]}, {"Day": ["Monday"]}]}, {"Day": "Friday"}, False),
    # Wildcard: FileName within folder dir
    _case(OPS, {"FileName": [{"wildcard": "dir/*.png"}]}, {"FileName": "dir/photo.png"}, True),
    _case(OPS, {"FileName": [{"wildcard": "dir/*.png"}]}, {"FileName": "dir/.png"}, True),
    _case(OPS, {"FileName": [{"wildcard": "dir/*.png"}]}, {"FileName": "other/photo.png"}, False),
    # IP address: source-ip within a CIDR block
    _case(OPS, {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}, {"sourceIPAddress": "10.0.0.255"}, True),
    _case(OPS, {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}, {"sourceIPAddress": "10.0.1.0"}, False),
    _case(OPS, {"sourceIPAddress": [{"cidr": "2001:db8::/64"}]}, {"sourceIPAddress": "2001:db8::1"}, True),
    # Arrays: a pattern value list matches when the event's array shares an element with it
    _case(
        ARRAYS,
        {"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]},
        {"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f", "arn:other"]},
        True,
    ),
    _case(
        ARRAYS,
        {"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]},
        {"resources": ["arn:other"]},
        False,
    ),
    # Matching fields: the event must have every field of the pattern, with the same nesting
    _case(
        CREATE,
        {
            "source": ["aws.ec2"],
            "detail-type": ["EC2 Instance State-change Notification"],
            "detail": {"state": ["terminated"]},
        },
        {
            "source": "aws.ec2",
            "detail-type": "EC2 Instance State-change Notification",
            "detail": {"state": "terminated", "instance-id": "i-1"},
        },
        True,
    ),
    _case(
        CREATE,
        {"source": ["aws.ec2"], "detail": {"state": ["terminated"]}},
        {"source": "aws.ec2", "state": "terminated"},
        False,
    ),
]
