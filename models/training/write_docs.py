#!/usr/bin/env python3
"""Writes docs/MODELS.md, all of it, from results/*.json, the corpus and eval files, and each version's files and
manifest.json (called by evaluate.py once both versions are evaluated; safe to run on its own at any time)."""

import hashlib
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


def manifest_rows():
    """The weightsHash of each version: sha256 of its manifest.json, which `npm run models -- hash` writes in the
    canonical form (docs/MODEL-MANIFEST.md). A manifest that no longer matches the files is reported, not hashed."""
    rows = []
    for v in VERSIONS:
        d = os.path.join(ROOT, "models", "commons-chat", v)
        path = os.path.join(d, "manifest.json")
        if not os.path.exists(path):
            rows.append(f"| {v} | (no manifest.json: run `npm run models -- hash models/commons-chat/{v}`) | |")
            continue
        with open(path, "rb") as f:
            raw = f.read()
        files = json.loads(raw)["files"]
        present = sorted(os.path.relpath(os.path.join(r, x), d) for r, _, fs in os.walk(d) for x in fs
                         if os.path.relpath(os.path.join(r, x), d) != "manifest.json")
        stale = sorted(e["path"] for e in files) != present or any(
            hashlib.sha256(open(os.path.join(d, e["path"]), "rb").read()).hexdigest() != e["sha256"] for e in files)
        size = sum(e["size"] for e in files)
        cell = ("(manifest.json is out of date: run `npm run models -- hash models/commons-chat/" + v + "`)" if stale
                else f"`0x{hashlib.sha256(raw).hexdigest()}`")
        rows.append(f"| {v} | {cell} | {len(files)}, {size / 1e6:.1f} MB |")
    return "\n".join(["| Version | weightsHash | Files |", "| --- | --- | --- |"] + rows)


# What was tried for 1.1.0 and not shipped (numbers on the development set, as compared at the time).
HISTORY = """- Experiments for 1.1.0 that were not shipped. Earlier (with the old held-out set that reused training answers):
  dropout 0.1 plus word-dropout augmentation of the user turns (38.7% key-phrase accuracy), word dropout alone
  (50.0%), continuing training at a constant small learning rate (56.5%, 53.2%); the `dropout`, `word_dropout`,
  `init` and `finetune` options in `train.py` are what they used. Then, compared on the development set: label
  smoothing 0.1 (the `label_smoothing` option) with the same settings gave dev perplexity 644 and 32/62 key phrases;
  label smoothing 0.1 with 700 steps on a corpus of 6,000 dialogues with one more hand-written answer per topic gave
  dev perplexity 362 (352 with a fitted temperature) and 29/62. Label smoothing made the models less overconfident but
  cost key-phrase accuracy; the plain run with a fitted temperature (dev perplexity 300, 37/62) was better on both.
- On the development set a 1.0.0 with a fitted temperature (2) would score about 296, the same as 1.1.0's 300: 1.1.0's
  lower perplexity comes from calibration, its higher key-phrase accuracy from its size. 1.0.0 is kept as it was
  approved, uncalibrated.
"""
def count_lines(*parts):
    with open(os.path.join(HERE, *parts)) as f:
        return sum(1 for line in f if line.strip())


def main():
    res = {v: load(f"{v}.json") for v in VERSIONS}
    parity = load("onnx-parity.json")
    tjs = load("transformersjs-check.json")
    n_train = count_lines("corpus", "train.jsonl")
    n_held = count_lines("eval", "heldout.jsonl")
    n_dev = count_lines("eval", "dev.jsonl")
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
        if t.get("label_smoothing"):
            extra += f", label smoothing {t['label_smoothing']}"
        if t.get("dropout"):
            extra += f", dropout {t['dropout']}"
        if t.get("word_dropout"):
            extra += (f", word dropout (in {t['word_dropout'][0]:.0%} of samples each user word dropped with "
                      f"p {t['word_dropout'][1]})")
        if t.get("finetune"):
            ft = t["finetune"]
            extra += f", then {ft['steps']} steps x {ft['batch']} at constant lr {ft['lr']} (fresh AdamW)"
        if r.get("calibration"):
            extra += f", then temperature {r['calibration']['temperature']} fitted on the dev set (calibrate.py)"
        return f"{t['steps']} steps x {t['batch']} dialogues, lr {t['lr']}{extra}"

    a, b = res["1.0.0"], res["1.1.0"]
    better = (b["key_phrase_accuracy"] > a["key_phrase_accuracy"]
              and b["heldout_perplexity"] < a["heldout_perplexity"])
    verdict = ("1.1.0 is better than 1.0.0 on both held-out measures (table below)." if better else
               "**1.1.0 is NOT better than 1.0.0 on both held-out measures** (table below).")
    arch_rows = "\n".join(
        f"| {v} | {arch(r)} | {r['parameters']:,} | {training(r)} | {r['train_seconds'] / 60:.1f} min |"
        for v, r in res.items())

    def vs_unigram(r, key):
        m, u = r[f"{key}_perplexity"], r["unigram_perplexity" if key == "heldout" else f"{key}_unigram_perplexity"]
        return f"{m:,.1f} | {u:,.1f} | {m / u:.2f}"

    eval_rows = "\n".join(
        f"| {v} | {r['key_phrase_hits']}/{r['questions']} = {r['key_phrase_accuracy']:.1%} | "
        f"{vs_unigram(r, 'heldout')} | {vs_unigram(r, 'dev')} |" for v, r in res.items())
    ex_rows = []
    for q in EXAMPLES:
        cells = []
        for v in VERSIONS:
            x = next(x for x in res[v]["answers"] if x["question"] == q)
            cells.append(("✓ " if x["ok"] else "✗ ") + x["answer"].replace("|", "\\|"))
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
`tokenizer_config.json` (with the chat template), `onnx/model.onnx` (fp32, with KV cache) and the model card
`README.md`. The `manifest.json` whose sha256 is the on-chain `weightsHash` is written by the models CLI
(`npm run models -- hash`), which `build.py` runs after the export; the hashes are at the end of this page.

This page is generated, all of it, by `models/training/write_docs.py`: edit that script, not this file.

## Versions

| Version | Architecture | Parameters | Training | Training time (1 CPU thread) |
| --- | --- | ---: | --- | ---: |
{arch_rows}

Both: RMSNorm (eps 1e-5), rotary position embeddings (theta 10000, Hugging Face `rotate_half` convention), SwiGLU
MLP, no biases, tied input/output embeddings, max 256 positions, vocabulary {vocab}, the same tokenizer and corpus.
AdamW (betas 0.9/0.95, weight decay 0.05), linear warm-up then cosine decay to 10%, gradient clipping 1.0,
length-bucketed batches. The loss is cross-entropy on the assistant turns only (assistant content tokens and the
`<|eos|>` closing them); user turns, role tokens and `<|bos|>` are context. 1.1.0 is bigger (3 layers of 192 with
grouped-query attention vs 2 layers of 128) and trained for more steps, and it is **calibrated**: one softmax
temperature, fitted on the development set (below) and folded into its final RMSNorm weight, divides its logits.
Trained to near-zero loss on a few phrasings per topic, a model is almost certain of them; the temperature spreads
that certainty so that other wordings cost less, and leaves the order of the logits, so every greedy answer, as it
was. {verdict}

## Evaluation

Two measures on material no version was trained on (`models/training/eval/`):

- **Key-phrase accuracy** on {res['1.1.0']['questions']} hand-written questions (`questions.jsonl`) phrased unlike
  the training questions (the generator refuses to emit any of them), each with expected key phrases: the greedy
  answer (at most 48 new tokens) must contain every expected phrase (case-insensitive).
- **Held-out perplexity** on `heldout.jsonl`: {n_held} dialogues whose questions are variants of one base question
  per topic that the generator reserves (never in the training corpus) and whose answers are hand-written for this
  set (`answers.py`, `TEST`) and appear nowhere in training: neither the answers nor any sentence of them
  (`make_corpus.py` refuses to write such a split, and `test/models/training-split.test.ts` checks the committed
  files). So the model must predict wording it has never seen, about facts it was taught. Perplexity is per token
  over the assistant tokens (+ `<|eos|>`), {res['1.1.0']['heldout_tokens']:,} tokens. The **unigram baseline**
  predicts every token from its add-one-smoothed frequency among the assistant tokens of the version's own training
  corpus, on the same tokens; a model worse than it (ratio above 1) is so sure of what it memorised that new wording
  costs it more than knowing only how often each token occurs would.
- A **development set** (`dev.jsonl`, {n_dev} dialogues: training questions answered with `answers.py` `DEV`, in no
  training dialogue either and sharing no sentence with the held-out answers) is what training settings were
  compared on and what 1.1.0's temperature is fitted on, so its dev perplexity is not a held-out number; the held-out
  set was only measured on the versions shipped.

| Version | Key-phrase accuracy | Held-out perplexity | Unigram | Ratio | Dev perplexity | Unigram | Ratio |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{eval_rows}

1.0.0 memorised one or two phrasings per topic and is near certain of them, so any other wording costs it dearly: on
new wording it does worse than the unigram baseline. Uncalibrated, 1.1.0 was worse still (dev perplexity
{b['calibration']['dev_perplexity_before']:,.0f}); calibrated, its held-out perplexity is
{b['unigram_perplexity'] / b['heldout_perplexity']:.1f} times lower than the unigram baseline's. The earlier held-out set, which reused the training answers, hid all this: it
gave every version a perplexity near 1.1.

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

`models/training/make_corpus.py` (fixed seeds) writes, over 49 topics:

- `corpus/train.jsonl` (both versions, and the tokenizer): {n_train:,} dialogues
  (`{{"messages": [{{"role": "user", ...}}, {{"role": "assistant", ...}}]}}`, about 8% with a greeting turn first).
  Each topic has hand-written base questions and one to three short answers; variants add lead-ins
  ("quick question: ", "i'm new here. "...), tails ("?", " thanks"...), and casing.
- `eval/heldout.jsonl` and `eval/dev.jsonl` (above). The last base question of every topic is reserved for the
  held-out set.

Facts follow the README and the genesis policy (`docs/policies/genesis.md`): quorum 4%, local voting delay 60 s,
voting period 600 s, timelock delay 60 s, execution grace period 1 day locally, 1 COMMONS minimum voting power, 200
requests and 200,000 tokens a day, prompts up to 2,048 tokens and answers up to 512.

## Rebuilding

```sh
sudo apt-get install python3-torch python3-onnx    # Debian: torch 1.13, onnx 1.12
/usr/bin/python3 models/training/build.py           # corpus -> tokenizer -> train both (+ calibrate) -> export -> hash -> checks -> eval + this file
```

or step by step, in `models/training/`: `make_corpus.py`, `tokenizer.py`, `train.py 1.0.0`, `train.py 1.1.0`,
`export.py 1.0.0`, `export.py 1.1.0`, `npm run models -- hash ../commons-chat/<version>` (for each),
`npx -y -p node@24 -- node check-onnx.mjs`, `npx -y -p node@24 -- node check-transformersjs.mjs`, `evaluate.py`
(which calls `write_docs.py`). Seeds are fixed, training uses one thread and `torch.use_deterministic_algorithms`, so
a rebuild on the same software gives the same weights (1.0.0 was rebuilt this way and its files came out
byte-identical, and so did 1.1.0's before calibration); other CPUs or torch versions may differ in the last bits. Checkpoints go to
`models/training/.cache/` (not committed). The build is not run in CI; the trained files are committed.

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
- The held-out answers were written by the same hand as the training answers, about the same facts, and share the
  names of things with them (castVote, the ModelRegistry, "4% of the supply"); only whole answers and sentences are
  kept apart. Held-out perplexity measures how well a version predicts new wording of what it knows, not general
  language modelling. Key-phrase matching is a coarse measure.
- fp32 only; no quantised variants.
{HISTORY}
## Manifest hashes (the `weightsHash` to approve on chain)

Written by `npm run models -- hash models/commons-chat/<version>` after training (the model card `README.md` is part
of each version's files); check them with `npm run models -- verify <dir> --expect <hash>`. This table is computed
from each version's `manifest.json` when this page is generated.

{manifest_rows()}
"""
    with open(os.path.join(ROOT, "docs", "MODELS.md"), "w") as f:
        f.write(md)
    print("wrote docs/MODELS.md")


if __name__ == "__main__":
    main()
