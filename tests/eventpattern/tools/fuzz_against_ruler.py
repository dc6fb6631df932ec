import json, random, subprocess, sys, collections
sys.path.insert(0, "/work/main")
from ctrules.eventpattern.match import matches, InvalidPatternError
R = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
CP = "/tmp/eruler/classes:" + open("/tmp/eruler/cp.txt").read().strip()

def rstr(alpha, n=6):
    return "".join(R.choice(alpha) for _ in range(R.randint(0, n)))

NUMS = ["0", "1", "-1", "300", "3e2", "3.0e2", "300.0", "301.8", "3.018e2", "5000000000", "5e9", "-5e9", "5000000001",
        "123456789012", "0.000001", "0.0000001", "1e-7", "true", "false", "null", "\"300\"", "\"1\"", "\"true\"", "\"null\"",
        "4999999999.999999", "-0", "0.5", "1.5e3", "1500", "99999999999999999999"]
UNI = ["a", "A", "ß", "SS", "ss", "İ", "i", "I", "ı", "σ", "ς", "Σ", "K", "k", "\u212a", "é", "É", "x", "*", "\\"]

def value_text():
    k = R.random()
    if k < 0.35: return R.choice(NUMS)
    if k < 0.6: return json.dumps(rstr("ab*\\", 5))
    if k < 0.75: return json.dumps("".join(R.choice(UNI) for _ in range(R.randint(0, 3))), ensure_ascii=False)
    if k < 0.85: return json.dumps(R.choice(IPS))
    if k < 0.92: return "[]"
    return "[" + ",".join(value_text() for _ in range(R.randint(1, 3))) + "]"

IPS = ["10.0.0.1", "10.0.0.255", "10.0.1.0", "220.160.154.1", "220.160.153.255", "220.160.155.0", "::1", "2001:db8::1",
       "2001:db8:0:1::1", "2001:DB8::FFFF", "::ffff:10.0.0.1", "010.0.0.1", "10.0.0", "1.2.3.4.5", "0.0.0.0",
       "255.255.255.255", "2001:db8::", "fe80::1%eth0", "1::", "1:2:3:4:5:6:7:8", "192.168.1.1", "not-an-ip"]
CIDRS = ["10.0.0.0/24", "10.0.0.255/24", "220.160.154.255/24", "220.160.59.225/31", "10.0.0.0/8", "0.0.0.0/0",
         "2001:db8::/64", "2001:db8::ffff/32", "::1/128", "::/0", "::ffff:10.0.0.0/104", "10.0.0.1/32",
         "10.0.0.0/24/", "10.0.0.0/33", "1.2.3.4/-1", "2001:db8::/129", "2001:DB8::/48", "10.0.0.0/+24", "10.0.0.0/024"]

def operand():
    k = R.randrange(14)
    if k == 0: return R.choice(NUMS)
    if k == 1: return json.dumps({"prefix": rstr("ab", 3)})
    if k == 2: return json.dumps({"suffix": rstr("ab", 3)})
    if k == 3: return json.dumps({"wildcard": rstr("ab*\\", 6)})
    if k == 4: return json.dumps({"equals-ignore-case": "".join(R.choice(UNI) for _ in range(R.randint(0, 3)))}, ensure_ascii=False)
    if k == 5: return json.dumps({R.choice(["prefix", "suffix"]): {"equals-ignore-case": "".join(R.choice(UNI) for _ in range(R.randint(0, 3)))}}, ensure_ascii=False)
    if k == 6: return json.dumps({"exists": R.choice([True, False])})
    if k == 7: return json.dumps({"cidr": R.choice(CIDRS)})
    if k == 8:
        ops = R.choice([[">", "<"], [">=", "<="], ["="], ["<"], [">="], [">", "<="]])
        nums = sorted(R.choice([0, 1, 5, 10, 300, 301.8, -1, 0.5, 5e9, -5e9, 1e-6]) for _ in ops)
        return '{"numeric": [' + ",".join(f'"{o}",{json.dumps(n)}' for o, n in zip(ops, nums)) + "]}"
    if k == 9: return '{"anything-but": ' + R.choice(NUMS[:17] + ['"' + rstr("ab", 2) + '"']) + "}"
    if k == 10:
        if R.random() < 0.5: return json.dumps({"anything-but": [rstr("ab", 2) for _ in range(R.randint(1, 3))]})
        return json.dumps({"anything-but": [R.choice([0, 1, 300, 3e2, 5]) for _ in range(R.randint(1, 3))]})
    if k == 11: return json.dumps({"anything-but": {"wildcard": R.choice([rstr("ab*\\", 5), [rstr("ab*", 4) for _ in range(2)]])}})
    if k == 12: return json.dumps({"anything-but": {R.choice(["prefix", "suffix", "equals-ignore-case"]): R.choice([rstr("aAb", 3), [rstr("aAb", 2) for _ in range(2)]])}})
    return json.dumps(rstr("ab*\\", 3))

def leaf():
    return "[" + ",".join(operand() for _ in range(R.randint(1, 3))) + "]"

KEYS = ["a", "b", "c"]

def pattern_obj(depth=0):
    parts = []
    for key in R.sample(KEYS, R.randint(1, 2)):
        if depth < 2 and R.random() < 0.35:
            parts.append(f'"{key}": ' + pattern_obj(depth + 1))
        else:
            parts.append(f'"{key}": ' + leaf())
    if R.random() < 0.15 and depth < 2:
        parts.append('"$or": [' + pattern_obj(depth + 1) + "," + pattern_obj(depth + 1) + "]")
    return "{" + ",".join(parts) + "}"

def event_obj(depth=0):
    parts = []
    for key in R.sample(KEYS, R.randint(0, 3)):
        r = R.random()
        if depth < 2 and r < 0.25:
            parts.append(f'"{key}": ' + event_obj(depth + 1))
        elif depth < 2 and r < 0.45:
            parts.append(f'"{key}": [' + ",".join(event_obj(depth + 1) if R.random() < 0.8 else value_text() for _ in range(R.randint(0, 3))) + "]")
        else:
            parts.append(f'"{key}": ' + value_text())
    return "{" + ",".join(parts) + "}"

cases = []
for _ in range(N):
    cases.append((pattern_obj(), event_obj()))
text = "".join(json.dumps({"pattern": p, "event": e}, ensure_ascii=False) + "\n" for p, e in cases)
out = subprocess.run(["java", "-cp", CP, "Oracle"], input=text, capture_output=True, text=True, check=True).stdout.splitlines()
stats = collections.Counter(); diffs = []
for (p, e), o in zip(cases, out):
    if o.startswith("error"): stats["oracle-error"] += 1; continue
    exp = "invalid" if o.startswith("invalid") else o == "true"
    try:
        got = matches(p, e)
    except InvalidPatternError:
        got = "invalid"
    except Exception as ex:
        got = "EXC " + repr(ex)
    stats[(str(exp), got == exp)] += 1
    if got != exp and not (got == "invalid" and ("5000000001" in p or "123456789012" in p or "99999999999999999999" in p)):
        diffs.append((str(exp), str(got), p, e, o[:150]))
print(stats)
diffs.sort(key=lambda d: len(d[2]) + len(d[3]))
for d in diffs[:int(sys.argv[3]) if len(sys.argv) > 3 else 15]:
    print(d)
