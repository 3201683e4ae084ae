#!/usr/bin/env python3
"""Evaluates trained versions and writes results/<version>.json (and docs/MODELS.md when both exist).

Usage: /usr/bin/python3 evaluate.py [1.0.0 1.1.0]

- Key-phrase accuracy: greedy answer (KV cache, at most 48 new tokens) to each hand-written question of
  eval/questions.jsonl; a question counts if the lowercased answer contains every expected phrase.
- Held-out perplexity per token on eval/heldout.jsonl (questions, answers and answer sentences in no training
  dialogue: make_corpus.check_split), over the tokens the model is trained to produce: assistant content tokens and
  the closing <|eos|>, each conditioned on everything before it.
- Unigram baseline on the same tokens: token frequencies of the same kind of tokens (assistant tokens + <|eos|>) in
  the version's training corpus, add-one smoothed over the whole vocabulary.
- The same two perplexities on eval/dev.jsonl, the development set (settings were compared, and temperatures fitted,
  on it: not a held-out number).
"""

import json
import math
import os
import sys
import time
from collections import Counter

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from export import load  # noqa: E402
from model import greedy  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def unigram(tok, vocab_size, corpus):
    counts = Counter()
    for d in read_jsonl(os.path.join(HERE, "corpus", corpus)):
        ids, mask = tok.chat_ids(d["messages"])
        counts.update(i for i, m in zip(ids, mask) if m)
    total = sum(counts.values())
    return lambda t: math.log((counts[t] + 1) / (total + vocab_size))


@torch.no_grad()
def perplexity(model, tok, logp_uni, name):
    """Per-token perplexity of the model and of the unigram baseline over the assistant tokens of eval/<name>."""
    nll = nll_uni = 0.0
    n = 0
    for d in read_jsonl(os.path.join(HERE, "eval", name)):
        ids, mask = tok.chat_ids(d["messages"])
        logits, _ = model(torch.tensor([ids[:-1]]))
        lp = F.log_softmax(logits[0], -1)
        for pos in range(1, len(ids)):
            if mask[pos]:
                nll -= float(lp[pos - 1, ids[pos]])
                nll_uni -= logp_uni(ids[pos])
                n += 1
    return {"tokens": n, "model": round(math.exp(nll / n), 4), "unigram": round(math.exp(nll_uni / n), 4)}


@torch.no_grad()
def evaluate(version, tok):
    model = load(version)
    c = model.c
    questions = read_jsonl(os.path.join(HERE, "eval", "questions.jsonl"))
    answers, hits = [], 0
    t0 = time.time()
    for q in questions:
        ids, _ = tok.chat_ids([{"role": "user", "content": q["question"]}], add_generation_prompt=True)
        ans = tok.decode(greedy(model, ids, 48)).strip()
        ok = all(e in ans.lower() for e in q["expect"])
        hits += ok
        answers.append({"question": q["question"], "expect": q["expect"], "answer": ans, "ok": ok})
    gen_secs = time.time() - t0
    with open(os.path.join(HERE, "results", f"train-{version}.json")) as f:
        tr = json.load(f)
    logp_uni = unigram(tok, c["vocab_size"], tr["train"]["corpus"])
    test = perplexity(model, tok, logp_uni, "heldout.jsonl")
    dev = perplexity(model, tok, logp_uni, "dev.jsonl")
    res = {
        "version": version,
        "parameters": tr["parameters"],
        "config": c,
        "train_seconds": tr["train_seconds"],
        "train": tr["train"],
        "calibration": tr.get("calibration"),
        "key_phrase_accuracy": round(hits / len(questions), 4),
        "key_phrase_hits": hits,
        "questions": len(questions),
        "corpus": tr["train"]["corpus"],
        "heldout_tokens": test["tokens"],
        "heldout_perplexity": test["model"],
        "unigram_perplexity": test["unigram"],
        "dev_tokens": dev["tokens"],
        "dev_perplexity": dev["model"],
        "dev_unigram_perplexity": dev["unigram"],
        "eval_generation_seconds": round(gen_secs, 1),
        "answers": answers,
    }
    with open(os.path.join(HERE, "results", f"{version}.json"), "w") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
    print(f"[{version}] key-phrase accuracy {hits}/{len(questions)} = {res['key_phrase_accuracy']:.3f}; "
          f"held-out perplexity {res['heldout_perplexity']:.3f} vs unigram {res['unigram_perplexity']:.3f} "
          f"({test['tokens']} tokens); dev {res['dev_perplexity']:.3f} vs unigram {res['dev_unigram_perplexity']:.3f}")
    return res


def main():
    torch.set_num_threads(1)
    versions = sys.argv[1:] or ["1.0.0", "1.1.0"]
    tok = Tokenizer(os.path.join(HERE, "tokenizer", "tokenizer.json"))
    for v in versions:
        evaluate(v, tok)
    paths = [os.path.join(HERE, "results", f"{v}.json") for v in ("1.0.0", "1.1.0")]
    if all(os.path.exists(p) for p in paths):
        import write_docs
        write_docs.main()


if __name__ == "__main__":
    main()
