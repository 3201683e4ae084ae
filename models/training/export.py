#!/usr/bin/env python3
"""Exports a trained version to ../commons-chat/<version>/ in the layout transformers.js expects.

Usage: /usr/bin/python3 export.py 1.0.0|1.1.0

Writes onnx/model.onnx (inputs input_ids, attention_mask, position_ids, past_key_values.{i}.key/value;
outputs logits, present.{i}.key/value; dynamic batch and sequence axes; opset 14; works with past length 0),
config.json, generation_config.json, tokenizer.json, tokenizer_config.json. Not manifest.json (another tool).
Also writes .cache/parity-<version>.json (inputs and torch outputs for check-onnx.mjs) and
results/torch-greedy-<version>.json (the torch greedy answer that check-transformersjs.mjs must reproduce).
"""

import json
import os
import shutil
import sys

import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import LlamaLM, greedy, hf_config  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402

OPSET = 14
CHECK_PROMPT = "How do I delegate my voting power?"
# prompts whose torch greedy answers check-transformersjs.mjs must reproduce (the first is also the parity prompt)
CHECK_PROMPTS = [CHECK_PROMPT, "do you keep a log of what i write?", "hello, anybody around?"]


class OnnxDecoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.n = model.c["num_hidden_layers"]

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(self.n)]
        logits, presents = self.model(input_ids, attention_mask, position_ids, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def load(version):
    ck = torch.load(os.path.join(HERE, ".cache", f"{version}.pt"))
    model = LlamaLM(ck["config"])
    model.load_state_dict(ck["state_dict"])
    model.eval()
    return model


def export(model, path):
    c = model.c
    n, kv, d = c["num_hidden_layers"], c["num_key_value_heads"], c["head_dim"]
    b, s, p = 2, 3, 5
    g = torch.Generator().manual_seed(0)
    args = [torch.randint(6, c["vocab_size"], (b, s), generator=g), torch.ones(b, p + s, dtype=torch.long),
            torch.arange(p, p + s).unsqueeze(0).expand(b, s).contiguous()]
    names = ["input_ids", "attention_mask", "position_ids"]
    outs = ["logits"]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(n):
        for kind in ("key", "value"):
            args.append(torch.randn(b, kv, p, d, generator=g))
            names.append(f"past_key_values.{i}.{kind}")
            outs.append(f"present.{i}.{kind}")
            axes[names[-1]] = {0: "batch_size", 2: "past_sequence_length"}
            axes[outs[-1]] = {0: "batch_size", 2: "total_sequence_length"}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(OnnxDecoder(model), tuple(args), path, input_names=names, output_names=outs,
                          dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


@torch.no_grad()
def parity_cases(model, tok):
    """Two cases: a prompt with an empty past, then 3 more tokens on top of the resulting cache (batch 2)."""
    c = model.c
    n, kv, d = c["num_hidden_layers"], c["num_key_value_heads"], c["head_dim"]
    ids, _ = tok.chat_ids([{"role": "user", "content": CHECK_PROMPT}], add_generation_prompt=True)
    s = len(ids)
    x = torch.tensor([ids, ids[::-1]], dtype=torch.long)
    empty = [(torch.zeros(2, kv, 0, d), torch.zeros(2, kv, 0, d)) for _ in range(n)]
    am = torch.ones(2, s, dtype=torch.long)
    pid = torch.arange(s).unsqueeze(0).expand(2, s)
    logits1, pres1 = model(x, am, pid, empty)
    x2 = torch.tensor([[100, 200, 300], [400, 500, 600]], dtype=torch.long)
    am2 = torch.ones(2, s + 3, dtype=torch.long)
    pid2 = torch.arange(s, s + 3).unsqueeze(0).expand(2, 3)
    logits2, pres2 = model(x2, am2, pid2, pres1)
    # reference for case 2 without cache: the full sequence at once
    full, _ = model(torch.cat([x, x2], 1), torch.ones(2, s + 3, dtype=torch.long),
                    torch.arange(s + 3).unsqueeze(0).expand(2, s + 3), empty)
    cache_vs_full = float((full[:, s:] - logits2).abs().max())

    def t(a):
        return {"dims": list(a.shape), "data": a.reshape(-1).tolist()}

    def case(inp, am_, pid_, past, logits, pres):
        feeds = {"input_ids": t(inp), "attention_mask": t(am_), "position_ids": t(pid_)}
        outputs = {"logits": t(logits)}
        for i in range(n):
            feeds[f"past_key_values.{i}.key"] = t(past[i][0])
            feeds[f"past_key_values.{i}.value"] = t(past[i][1])
            outputs[f"present.{i}.key"] = t(pres[i][0])
            outputs[f"present.{i}.value"] = t(pres[i][1])
        return {"feeds": feeds, "outputs": outputs}

    return {"cache_vs_full_max_abs_diff": cache_vs_full,
            "cases": {"no_past": case(x, am, pid, empty, logits1, pres1),
                      "with_past": case(x2, am2, pid2, pres1, logits2, pres2)}}


def main():
    version = sys.argv[1]
    torch.set_num_threads(1)
    model = load(version)
    tok = Tokenizer(os.path.join(HERE, "tokenizer", "tokenizer.json"))
    out = os.path.join(HERE, "..", "commons-chat", version)
    out = os.path.normpath(out)
    if os.path.exists(os.path.join(out, "onnx")):
        shutil.rmtree(os.path.join(out, "onnx"))
    export(model, os.path.join(out, "onnx", "model.onnx"))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(hf_config(model.c), f, indent=2)
    with open(os.path.join(out, "generation_config.json"), "w") as f:
        json.dump({"bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0, "max_length": 256,
                   "do_sample": False}, f, indent=2)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(HERE, "tokenizer", name), os.path.join(out, name))
    par = parity_cases(model, tok)
    with open(os.path.join(HERE, ".cache", f"parity-{version}.json"), "w") as f:
        json.dump(par, f)
    checks = []
    for prompt in CHECK_PROMPTS:
        ids, _ = tok.chat_ids([{"role": "user", "content": prompt}], add_generation_prompt=True)
        new = greedy(model, ids, 40)
        checks.append({"prompt": prompt, "prompt_ids": ids, "max_new_tokens": 40, "new_ids": new,
                       "answer": tok.decode(new)})
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", f"torch-greedy-{version}.json"), "w") as f:
        json.dump({"version": version, "checks": checks}, f, indent=2)
    size = sum(os.path.getsize(os.path.join(r, x)) for r, _, fs in os.walk(out) for x in fs)
    assert size <= 25 * 1024 * 1024, size
    print(f"[{version}] exported to {out} ({size / 1e6:.2f} MB); torch cache-vs-full max diff "
          f"{par['cache_vs_full_max_abs_diff']:.2e}; torch greedy: {checks[0]['answer']!r}")


if __name__ == "__main__":
    main()
