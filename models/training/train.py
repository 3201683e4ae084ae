#!/usr/bin/env python3
"""Trains one Commons Chat version. Usage: /usr/bin/python3 train.py 1.0.0|1.1.0

Loss: next-token cross-entropy on the assistant turns only (assistant content tokens and the <|eos|> that ends
them); user turns, role tokens and <|bos|> are context. With "calibrate", a softmax temperature fitted on the
development set is folded into the model after training (calibrate.py). Deterministic: fixed seeds, one thread,
torch.use_deterministic_algorithms. Writes .cache/<version>.pt and results/train-<version>.json.
"""

import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from calibrate import calibrate  # noqa: E402
from model import LlamaLM  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402

COMMON = {"max_position_embeddings": 256, "rms_norm_eps": 1e-5, "rope_theta": 10000.0}
VERSIONS = {
    "1.0.0": {
        "arch": {"hidden_size": 128, "intermediate_size": 352, "num_hidden_layers": 2, "num_attention_heads": 4,
                 "num_key_value_heads": 4, "head_dim": 32, **COMMON},
        "train": {"corpus": "train.jsonl", "steps": 400, "batch": 16, "lr": 3e-3, "warmup": 30, "seed": 100},
    },
    "1.1.0": {
        "arch": {"hidden_size": 192, "intermediate_size": 512, "num_hidden_layers": 3, "num_attention_heads": 6,
                 "num_key_value_heads": 2, "head_dim": 32, **COMMON},
        "train": {"corpus": "train.jsonl", "steps": 560, "batch": 16, "lr": 3e-3, "warmup": 40, "seed": 110,
                  "calibrate": "dev.jsonl"},
    },
}


def load_examples(tok, corpus):
    ex = []
    with open(os.path.join(HERE, "corpus", corpus)) as f:
        for line in f:
            msgs = json.loads(line)["messages"]
            ids, mask = tok.chat_ids(msgs)
            ex.append((ids, mask, msgs))
    return ex


def word_dropout(tok, msgs, rng, p_msg, p_word):
    """Augmentation: with probability p_msg, drop each word of each user turn with probability p_word."""
    if rng.random() >= p_msg:
        return None
    out = []
    for m in msgs:
        if m["role"] == "user":
            words = m["content"].split(" ")
            kept = [w for w in words if rng.random() >= p_word] or [rng.choice(words)]
            m = {"role": "user", "content": " ".join(kept)}
        out.append(m)
    return tok.chat_ids(out)


def batch_tensors(items):
    n = max(len(i[0]) for i in items)
    x = torch.zeros(len(items), n, dtype=torch.long)
    m = torch.zeros(len(items), n, dtype=torch.float32)
    for r, (ids, mask) in enumerate(i[:2] for i in items):
        x[r, : len(ids)] = torch.tensor(ids)
        m[r, : len(mask)] = torch.tensor(mask, dtype=torch.float32)
    return x, m


def epoch_batches(examples, bs, rng):
    """Shuffled batches of similar length (little padding): shuffle, sort within chunks of 50 batches, shuffle."""
    idx = list(range(len(examples)))
    rng.shuffle(idx)
    batches = []
    for c in range(0, len(idx), 50 * bs):
        chunk = sorted(idx[c: c + 50 * bs], key=lambda i: len(examples[i][0]))
        batches += [chunk[j: j + bs] for j in range(0, len(chunk), bs)]
    rng.shuffle(batches)
    return batches


def finetune(model, examples, ft, version):
    """Second phase: fresh AdamW at a small constant learning rate, its own seed."""
    torch.manual_seed(ft["seed"])
    rng = random.Random(ft["seed"])
    opt = torch.optim.AdamW(model.parameters(), lr=ft["lr"], betas=(0.9, 0.95), weight_decay=0.05)
    order, pos, log, t0 = [], 0, [], time.time()
    for step in range(ft["steps"]):
        if pos >= len(order):
            order = epoch_batches(examples, ft["batch"], rng)
            pos = 0
        x, m = batch_tensors([examples[i] for i in order[pos]])
        pos += 1
        hidden = model(x[:, :-1], return_hidden=True)
        tgt, w = x[:, 1:], m[:, 1:] > 0
        loss = F.cross_entropy(model.lm_head(hidden[w]), tgt[w])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == ft["steps"] - 1:
            log.append({"finetune_step": step, "loss": round(loss.item(), 4), "lr": ft["lr"],
                        "seconds": round(time.time() - t0, 1)})
            print(f"[{version}] finetune step {step} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
    return log


def main():
    version = sys.argv[1]
    spec = VERSIONS[version]
    tc = dict(spec["train"])
    # experiments: train.py <version> <out-name> key=value ... (overrides of the train settings, e.g. dropout=0.1)
    out_name = sys.argv[2] if len(sys.argv) > 2 else version
    for kv in sys.argv[3:]:
        k, v = kv.split("=", 1)
        tc[k] = json.loads(v)
    torch.set_num_threads(1)
    torch.manual_seed(tc["seed"])
    torch.use_deterministic_algorithms(True)
    rng = random.Random(tc["seed"])
    tok = Tokenizer(os.path.join(HERE, "tokenizer", "tokenizer.json"))
    cfg = dict(spec["arch"], vocab_size=len(tok.vocab), dropout=tc.get("dropout", 0.0))
    model = LlamaLM(cfg)
    nparams = sum(p.numel() for p in model.parameters())
    examples = load_examples(tok, tc["corpus"])
    if tc.get("init"):  # experiments: start from a saved checkpoint and run only the finetune phase
        model.load_state_dict(torch.load(os.path.join(HERE, ".cache", f"{tc['init']}.pt"))["state_dict"])
        tc["steps"] = 0
    opt = torch.optim.AdamW(model.parameters(), lr=tc["lr"], betas=(0.9, 0.95), weight_decay=0.05)
    order, pos = [], 0
    t0 = time.time()
    log = []
    model.train()
    for step in range(tc["steps"]):
        lr = tc["lr"] * min(1.0, (step + 1) / tc["warmup"])
        if step >= tc["warmup"]:  # cosine decay to 10%
            p = (step - tc["warmup"]) / max(1, tc["steps"] - tc["warmup"])
            lr = tc["lr"] * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))
        for g in opt.param_groups:
            g["lr"] = lr
        if pos >= len(order):
            order = epoch_batches(examples, tc["batch"], rng)
            pos = 0
        items = [examples[i] for i in order[pos]]
        if tc.get("word_dropout"):
            items = [word_dropout(tok, e[2], rng, *tc["word_dropout"]) or e for e in items]
        x, m = batch_tensors(items)
        pos += 1
        hidden = model(x[:, :-1], return_hidden=True)
        tgt, w = x[:, 1:], m[:, 1:] > 0
        logits = model.lm_head(hidden[w])  # logits only where the loss counts (assistant tokens)
        loss = F.cross_entropy(logits, tgt[w], label_smoothing=tc.get("label_smoothing", 0.0))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == tc["steps"] - 1:
            el = time.time() - t0
            log.append({"step": step, "loss": round(loss.item(), 4), "lr": lr, "seconds": round(el, 1)})
            print(f"[{version}] step {step} loss {loss.item():.4f} lr {lr:.2e} {el:.0f}s", flush=True)
    if tc.get("finetune"):
        log += finetune(model, examples, tc["finetune"], version)
    secs = time.time() - t0
    calibration = calibrate(model, tok, tc["calibrate"]) if tc.get("calibrate") else None
    os.makedirs(os.path.join(HERE, ".cache"), exist_ok=True)
    torch.save({"config": cfg, "state_dict": model.state_dict()}, os.path.join(HERE, ".cache", f"{out_name}.pt"))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", f"train-{out_name}.json"), "w") as f:
        json.dump({"version": version, "parameters": nparams, "config": cfg, "train": tc,
                   "train_seconds": round(secs, 1), "threads": 1, "examples": len(examples),
                   "loss": "cross-entropy on assistant tokens (content + <|eos|>) only", "log": log,
                   **({"calibration": calibration} if calibration else {})}, f, indent=2)
    print(f"[{version}] done: {nparams} parameters, {secs:.0f}s")


if __name__ == "__main__":
    main()
