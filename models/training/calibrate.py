#!/usr/bin/env python3
"""Temperature calibration: fits one softmax temperature T on the development set (eval/dev.jsonl) and folds 1/T
into the final RMSNorm weight, so the exported model's logits are already divided by T.

Why: trained to near-zero loss on a few phrasings per topic, a model is almost certain of them and pays heavily for
any other wording. Dividing the logits by T > 1 spreads that certainty; the order of the logits, and so every greedy
answer, stays the same. T minimises the per-token cross-entropy over the development set's assistant tokens (the
tokens perplexity counts); the held-out set plays no part.

Called by train.py when a version's settings have "calibrate"; on its own: /usr/bin/python3 calibrate.py <name>
(rewrites .cache/<name>.pt and adds the temperature to results/train-<name>.json).
"""

import json
import math
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tokenizer import Tokenizer  # noqa: E402


@torch.no_grad()
def dev_logits(model, tok, name):
    """Logits and targets at every assistant token (+ <|eos|>) of eval/<name>."""
    logits, targets = [], []
    with open(os.path.join(HERE, "eval", name)) as f:
        for line in f:
            if not line.strip():
                continue
            ids, mask = tok.chat_ids(json.loads(line)["messages"])
            out, _ = model(torch.tensor([ids[:-1]]))
            for pos in range(1, len(ids)):
                if mask[pos]:
                    logits.append(out[0, pos - 1])
                    targets.append(ids[pos])
    return torch.stack(logits), torch.tensor(targets)


@torch.no_grad()
def calibrate(model, tok, name="dev.jsonl"):
    """Fits T (golden-section search on log T in [1/4, 64], rounded to 3 decimals), folds it into the model, and
    returns {"temperature", "dev_perplexity_before", "dev_perplexity_after"}."""
    was_training = model.training
    model.eval()
    logits, targets = dev_logits(model, tok, name)

    def nll(log_t):
        return F.cross_entropy(logits / math.exp(log_t), targets).item()

    lo, hi = math.log(0.25), math.log(64.0)
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = nll(a), nll(b)
    for _ in range(60):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = nll(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = nll(b)
    t = round(math.exp((lo + hi) / 2), 3)
    before = math.exp(nll(0.0))
    after = math.exp(nll(math.log(t)))
    model.norm.weight.div_(t)
    model.train(was_training)
    return {"temperature": t, "set": name, "dev_perplexity_before": round(before, 4),
            "dev_perplexity_after": round(after, 4)}


def main():
    name = sys.argv[1]
    sys.path.insert(0, HERE)
    from export import load

    torch.set_num_threads(1)
    model = load(name)
    tok = Tokenizer(os.path.join(HERE, "tokenizer", "tokenizer.json"))
    result = calibrate(model, tok)
    torch.save({"config": model.c, "state_dict": model.state_dict()}, os.path.join(HERE, ".cache", f"{name}.pt"))
    path = os.path.join(HERE, "results", f"train-{name}.json")
    with open(path) as f:
        tr = json.load(f)
    tr["calibration"] = result
    with open(path, "w") as f:
        json.dump(tr, f, indent=2)
    print(f"[{name}] temperature {result['temperature']}: dev perplexity {result['dev_perplexity_before']:.1f} -> "
          f"{result['dev_perplexity_after']:.1f}")


if __name__ == "__main__":
    main()
