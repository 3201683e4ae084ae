#!/usr/bin/env python3
"""Writes docs/MODELS.md from results/*.json (called by evaluate.py once both versions are evaluated)."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
VERSIONS = ["1.0.0", "1.1.0"]
EXAMPLES = [
    "how do i make my tokens count as votes?",
    "is there a way to vote when i don't have eth for fees?",
    "who can stop a malicious proposal?",
    "does the ai see my email address?",
    "do you keep a log of what i write?",
    "what's the score of last night's basketball game?",
]


def load(name):
    p = os.path.join(HERE, "results", name)
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def files_table():
    rows = []
    for v in VERSIONS:
        d = os.path.join(ROOT, "models", "commons-chat", v)
        total = 0
        for r, _, fs in sorted(os.walk(d)):
            for x in sorted(fs):
                p = os.path.join(r, x)
                total += os.path.getsize(p)
                rows.append(f"| `{os.path.relpath(p, ROOT)}` | {os.path.getsize(p):,} |")
        rows.append(f"| **total {v}** | **{total:,}** |")
    return "\n".join(["| File | Bytes |", "| --- | ---: |"] + rows)


def main():
    res = {v: load(f"{v}.json") for v in VERSIONS}
    parity = load("onnx-parity.json")
    tjs = load("transformersjs-check.json")
    with open(os.path.join(HERE, "corpus", "train.jsonl")) as f:
        n_train = sum(1 for _ in f)
    with open(os.path.join(HERE, "eval", "heldout.jsonl")) as f:
        n_held = sum(1 for _ in f)
    with open(os.path.join(HERE, "tokenizer", "tokenizer.json")) as f:
        tj = json.load(f)
    vocab = len(tj["model"]["vocab"])
    merges = len(tj["model"]["merges"])

    def arch(r):
        c = r["config"]
        return (f"{c['num_hidden_layers']} layers, hidden {c['hidden_size']}, SwiGLU {c['intermediate_size']}, "
                f"{c['num_attention_heads']} heads / {c['num_key_value_heads']} KV heads of {c['head_dim']}")

    def training(r):
        t = r["train"]
        extra = ""
        if t.get("dropout"):
            extra += f", dropout {t['dropout']}"
        if t.get("word_dropout"):
            extra += (f", word dropout (in {t['word_dropout'][0]:.0%} of samples each user word dropped with "
                      f"p {t['word_dropout'][1]})")
        if t.get("finetune"):
            ft = t["finetune"]
            extra += f", then {ft['steps']} steps x {ft['batch']} at constant lr {ft['lr']} (fresh AdamW)"
        return f"{t['steps']} steps x {t['batch']} dialogues, lr {t['lr']}{extra}"

    a, b = res["1.0.0"], res["1.1.0"]
    better = (b["key_phrase_accuracy"] > a["key_phrase_accuracy"]
              and b["heldout_perplexity"] < a["heldout_perplexity"])
    verdict = ("1.1.0 is better than 1.0.0 on both held-out measures (table below)." if better else
               "**1.1.0 is NOT better than 1.0.0 on both held-out measures**: it answers more held-out questions correctly, but its held-out perplexity is slightly higher (table below; see Limitations for what was tried).")
    arch_rows = "\n".join(
        f"| {v} | {arch(r)} | {r['parameters']:,} | {training(r)} | {r['train_seconds'] / 60:.1f} min |"
        for v, r in res.items())
    eval_rows = "\n".join(
        f"| {v} | {r['key_phrase_hits']}/{r['questions']} = {r['key_phrase_accuracy']:.1%} | "
        f"{r['heldout_perplexity']:.3f} | {r['unigram_perplexity']:.1f} |" for v, r in res.items())
    ex_rows = []
    for q in EXAMPLES:
        cells = []
        for v in VERSIONS:
            a = next(x for x in res[v]["answers"] if x["question"] == q)
            cells.append(("✓ " if a["ok"] else "✗ ") + a["answer"].replace("|", "\\|"))
        ex_rows.append(f"| {q} | " + " | ".join(cells) + " |")
    failed = [x for x in res["1.1.0"]["answers"] if not x["ok"]]
    fail_rows = "\n".join(f"- *{x['question']}* (expected {', '.join(x['expect'])}): {x['answer']}" for x in failed[:8])

    parity_txt = "not run"
    if parity:
        lines = []
        for v, r in parity["report"].items():
            for name, c in r["cases"].items():
                lines.append(f"| {v} | {name} | {c['past_length']} | {c['max_abs_diff_logits']:.1e} | "
                             f"{c['max_abs_diff_all_outputs']:.1e} |")
        parity_txt = "\n".join(["| Version | Case | Past length | max abs diff, logits | max abs diff, all outputs |",
                                "| --- | --- | ---: | ---: | ---: |"] + lines)
    tjs_txt = "not run"
    if tjs:
        tjs_txt = "\n".join(
            f"- {v}: `{r['prompt_text']}` → transformers.js “{r['transformersjs_answer']}”; torch "
            + ("the same, token for token" if r["identical_ids"] else f"“{r['torch_answer']}” (MISMATCH)")
            + ("" if r["prompt_tokens_match_python"] else " (prompt ids differ from the Python tokenizer's)")
            for v, rs in tjs["report"].items() for r in rs)

    md = f"""# Commons Chat models

`models/commons-chat/<version>/` holds the small bundled chat models the DAO can approve in the ModelRegistry. They
are tiny Llama-style decoders trained from scratch on a generated corpus about using Commons AI: delegating,
proposals, voting, quorum, the timelock, the guardian, the model registry, usage policies, redaction, retention,
receipts and the APIs. They answer in one to three sentences and say they don't know for anything else. They are a
working, verifiable stand-in for a real model, not a general assistant.

Each folder is in the Hugging Face / transformers.js layout: `config.json` (`model_type` llama,
`LlamaForCausalLM`), `generation_config.json` (greedy, stops at `<|eos|>`), `tokenizer.json`,
`tokenizer_config.json` (with the chat template) and `onnx/model.onnx` (fp32, with KV cache). The `manifest.json`
whose sha256 is the on-chain `weightsHash` is written by a separate tool, not by these scripts.

## Versions

| Version | Architecture | Parameters | Training | Training time (1 CPU thread) |
| --- | --- | ---: | --- | ---: |
{arch_rows}

Both: RMSNorm (eps 1e-5), rotary position embeddings (theta 10000, Hugging Face `rotate_half` convention), SwiGLU
MLP, no biases, tied input/output embeddings, max 256 positions, vocabulary {vocab}. AdamW (betas 0.9/0.95, weight
decay 0.05), linear warm-up then cosine decay to 10%, gradient clipping 1.0, length-bucketed batches. The loss is
cross-entropy on the assistant turns only (assistant content tokens and the `<|eos|>` closing them); user turns,
role tokens and `<|bos|>` are context. 1.1.0 is bigger (3 layers of 192 with grouped-query attention vs 2 layers of
128) and trained for more steps. {verdict}

## Evaluation

Held-out set (`models/training/eval/`): {res['1.1.0']['questions']} hand-written questions phrased differently from
the training questions (the generator refuses to emit any of them), each with expected key phrases; and
{n_held} held-out dialogues for perplexity, built from one base question per topic that the generator reserves and
never puts in training (their answers are drawn from the same answer pool as training, so this perplexity is
optimistic about real-world text). Key-phrase accuracy: the greedy answer (at most 48 new tokens) must contain every
expected phrase (case-insensitive). Perplexity is per token over the held-out assistant tokens (+ `<|eos|>`); the
unigram baseline is trained on the same kind of tokens of the training corpus with add-one smoothing.

| Version | Key-phrase accuracy | Held-out perplexity | Unigram perplexity |
| --- | ---: | ---: | ---: |
{eval_rows}

Example greedy answers to held-out questions (✓ = all key phrases present):

| Question | 1.0.0 | 1.1.0 |
| --- | --- | --- |
{chr(10).join(ex_rows)}

Questions 1.1.0 still gets wrong (first {min(8, len(failed))} of {len(failed)}):

{fail_rows}

All answers are in `models/training/results/<version>.json`.

## Verification

ONNX vs torch (`models/training/check-onnx.mjs`, onnxruntime-node; batch 2; a prompt with an empty past, as
transformers.js feeds on the first step, then 3 tokens on top of that cache); tolerance 1e-4:

{parity_txt}

transformers.js (`models/training/check-transformersjs.mjs`: `env.allowRemoteModels = false`, local files only,
`AutoTokenizer` + `AutoModelForCausalLM` with `dtype: "fp32"`, chat template, `generate` with `max_new_tokens: 40`,
`do_sample: false`, KV cache), compared with the torch greedy answer for the same prompt:

{tjs_txt}

## Tokenizer

Byte-level BPE trained in pure Python (`models/training/tokenizer.py`) on the training corpus: GPT-2 byte-to-unicode
alphabet and pre-tokenization regex, {merges} merges, {vocab} tokens in all (training stops when no pair occurs twice,
which happens just under the 2,048 target). Written as a Hugging Face `tokenizer.json` (`BPE` model with `vocab` and
`merges`, `ByteLevel` pre-tokenizer and decoder). Special tokens (added tokens, ids 0-5): `<|pad|>`, `<|bos|>`,
`<|eos|>`, `<|user|>`, `<|assistant|>`, `<|system|>`. The chat template renders
`<|bos|><|user|>question<|eos|><|assistant|>answer<|eos|>` and, with `add_generation_prompt`, ends with
`<|assistant|>`; generation stops at `<|eos|>` (id 2).

## Corpus

`models/training/make_corpus.py` (seed 1234) writes `corpus/train.jsonl`: {n_train:,} dialogues
(`{{"messages": [{{"role": "user", ...}}, {{"role": "assistant", ...}}]}}`, about 8% with a greeting turn first) over 49
topics. Each topic has hand-written base questions and one to three short answers; variants add lead-ins
("quick question: ", "i'm new here. "...), tails ("?", " thanks"...), and casing. The last base question of every
topic is reserved for `eval/heldout.jsonl`. Facts follow the README and the genesis policy (`docs/policies/genesis.md`):
quorum 4%, local voting delay 60 s, voting period 600 s, timelock delay 60 s, execution grace period 1 day locally,
1 COMMONS minimum voting power, 200 requests and 200,000 tokens a day, prompts up to 2,048 tokens and answers up to 512.

## Rebuilding

```sh
sudo apt-get install python3-torch python3-onnx    # Debian: torch 1.13, onnx 1.12
/usr/bin/python3 models/training/build.py           # corpus -> tokenizer -> train both -> export -> checks -> eval + this file
```

or step by step, in `models/training/`: `make_corpus.py`, `tokenizer.py`, `train.py 1.0.0`, `train.py 1.1.0`,
`export.py 1.0.0`, `export.py 1.1.0`, `npx -y -p node@24 -- node check-onnx.mjs`,
`npx -y -p node@24 -- node check-transformersjs.mjs`, `evaluate.py`. Seeds are fixed, training uses one thread and
`torch.use_deterministic_algorithms`, so a rebuild on the same software gives the same weights; other CPUs or torch
versions may differ in the last bits. Checkpoints go to `models/training/.cache/` (not committed). The build is not
run in CI; the trained files are committed.

## Files

{files_table()}

## Limitations

- These are tiny models trained on a few thousand templated dialogues: they map a question to the closest topic they
  know and repeat a memorised answer. Questions that mix topics, need reasoning, or use words absent from the corpus
  get a wrong or generic answer; see the failures above. They know nothing outside Commons AI.
- The numbers they quote (quorum, periods, quotas) are the local deployment's and the genesis policy's; if governance
  changes the policy or the network parameters, the answers are stale until a new version is trained and approved.
- What the corpus says about inference receipts, API keys and the OpenAI-compatible API describes the planned backend
  (not built yet when these models were trained), in general terms.
- The held-out perplexity set comes from the same generator and answer pool as training, so it measures fit to this
  domain's phrasing, not general language modelling. Key-phrase matching is a coarse measure.
- fp32 only; no quantised variants.
- Experiments that did not help 1.1.0 (same architecture, 560 steps): dropout 0.1 plus word-dropout augmentation of
  the user turns gave 38.7% key-phrase accuracy and perplexity 1.145; word dropout alone 50.0% and 1.148. Continuing
  the shipped 1.1.0 for 120 steps at a constant lr 3e-4 gave 56.5% and 1.136; 60 steps at 1e-4 gave 53.2% and
  1.138. None beat 1.0.0's perplexity (1.133) and the time budget ran out, so the shipped 1.1.0 is the plain
  560-step run (best key-phrase accuracy, perplexity 0.5% above 1.0.0's). The `dropout`, `word_dropout`, `init` and
  `finetune` options in `train.py` are what these experiments used; the shipped versions use none of them.
  The held-out perplexities of all versions are within about 1% of each other and rest on about 50 reserved base
  questions, so small differences between them are noisy.
"""
    with open(os.path.join(ROOT, "docs", "MODELS.md"), "w") as f:
        f.write(md)
    print("wrote docs/MODELS.md")


if __name__ == "__main__":
    main()
