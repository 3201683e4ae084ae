#!/usr/bin/env python3
"""Byte-level BPE tokenizer for Commons Chat, trained in pure Python (GPT-2 byte-level scheme).

Training: the corpus text is split with the GPT-2 pre-tokenization regex, each piece is mapped to GPT-2's
byte-to-unicode alphabet, and the most frequent adjacent pair is merged repeatedly (ties broken by the pair itself,
so the result is deterministic) until the vocabulary reaches VOCAB_SIZE or no pair occurs twice.

Output: tokenizer.json (Hugging Face format: BPE model, ByteLevel pre-tokenizer and decoder, special tokens as
added_tokens) and tokenizer_config.json (special tokens, tokenizer_class, Jinja chat_template).

The `Tokenizer` class here encodes exactly as transformers.js / tokenizers do for this tokenizer.json
(checked by check-transformersjs.mjs), and is what training and evaluation use.
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB_SIZE = 2048
SPECIALS = ["<|pad|>", "<|bos|>", "<|eos|>", "<|user|>", "<|assistant|>", "<|system|>"]
PAD, BOS, EOS, USER, ASSISTANT, SYSTEM = range(6)
ROLE_TOKEN = {"user": USER, "assistant": ASSISTANT, "system": SYSTEM}

# GPT-2 pattern; \p{L} -> [^\W\d_], \p{N} -> \d, [^\s\p{L}\p{N}] -> (?:[^\s\w]|_) (identical on the ASCII corpus).
PAT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")
SPECIAL_RE = re.compile("(" + "|".join(re.escape(s) for s in SPECIALS) + ")")

CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if message['role'] == 'system' %}<|system|>{% elif message['role'] == 'user' %}<|user|>"
    "{% else %}<|assistant|>{% endif %}{{ message['content'] }}<|eos|>{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


B2U = bytes_to_unicode()
U2B = {v: k for k, v in B2U.items()}


def pieces(text):
    return ["".join(B2U[b] for b in p.encode("utf-8")) for p in PAT.findall(text)]


def train(texts, vocab_size=VOCAB_SIZE):
    words = Counter()
    for t in texts:
        for s in SPECIAL_RE.split(t):
            if s and s not in SPECIALS:
                words.update(pieces(s))
    base = [B2U[b] for b in range(256)]
    vocab = SPECIALS + base
    words = {tuple(w): c for w, c in words.items()}
    merges = []
    while len(vocab) < vocab_size:
        pairs = Counter()
        for w, c in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
        if best[1] < 2:
            break
        (a, b), _ = best
        merges.append((a, b))
        vocab.append(a + b)
        new = {}
        for w, c in words.items():
            if a in w:
                out, i = [], 0
                while i < len(w):
                    if i < len(w) - 1 and w[i] == a and w[i + 1] == b:
                        out.append(a + b)
                        i += 2
                    else:
                        out.append(w[i])
                        i += 1
                w = tuple(out)
            new[w] = new.get(w, 0) + c
        words = new
    return vocab, merges


class Tokenizer:
    def __init__(self, path):
        with open(path) as f:
            tj = json.load(f)
        self.vocab = tj["model"]["vocab"]
        self.inv = {i: t for t, i in self.vocab.items()}
        self.ranks = {tuple(m.split(" ")): i for i, m in enumerate(tj["model"]["merges"])}
        self.cache = {}
        self.bos, self.eos, self.pad = BOS, EOS, PAD

    def _bpe(self, piece):
        if piece in self.cache:
            return self.cache[piece]
        w = list(piece)
        while len(w) > 1:
            best, bi = None, -1
            for i in range(len(w) - 1):
                r = self.ranks.get((w[i], w[i + 1]))
                if r is not None and (best is None or r < best):
                    best, bi = r, i
            if best is None:
                break
            a, b = w[bi], w[bi + 1]
            out, i = [], 0
            while i < len(w):
                if i < len(w) - 1 and w[i] == a and w[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            w = out
        ids = [self.vocab[t] for t in w]
        self.cache[piece] = ids
        return ids

    def encode(self, text):
        ids = []
        for s in SPECIAL_RE.split(text):
            if not s:
                continue
            if s in SPECIALS:
                ids.append(SPECIALS.index(s))
            else:
                for p in pieces(s):
                    ids.extend(self._bpe(p))
        return ids

    def decode(self, ids, skip_special=True):
        out, buf = [], bytearray()
        for i in ids:
            if i < len(SPECIALS):
                out.append(buf.decode("utf-8", errors="replace"))
                buf = bytearray()
                if not skip_special:
                    out.append(SPECIALS[i])
                continue
            buf += bytes(U2B[c] for c in self.inv[i])
        out.append(buf.decode("utf-8", errors="replace"))
        return "".join(out)

    def chat_ids(self, messages, add_generation_prompt=False):
        """Same ids as applying CHAT_TEMPLATE and encoding; also returns the loss mask (assistant content + eos)."""
        ids, mask = [BOS], [0]
        for m in messages:
            c = self.encode(m["content"])
            ids += [ROLE_TOKEN[m["role"]]] + c + [EOS]
            w = 1 if m["role"] == "assistant" else 0
            mask += [0] + [w] * len(c) + [w]
        if add_generation_prompt:
            ids.append(ASSISTANT)
            mask.append(0)
        return ids, mask


def corpus_texts(path):
    with open(path) as f:
        for line in f:
            for m in json.loads(line)["messages"]:
                yield m["content"]


def write(vocab, merges, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    tj = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for i, s in enumerate(SPECIALS)
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
            "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
            "vocab": {t: i for i, t in enumerate(vocab)},
            "merges": [f"{a} {b}" for a, b in merges],
        },
    }
    with open(os.path.join(out_dir, "tokenizer.json"), "w") as f:
        json.dump(tj, f, ensure_ascii=False)
    cfg = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": "<|bos|>", "eos_token": "<|eos|>", "pad_token": "<|pad|>", "unk_token": None,
        "additional_special_tokens": ["<|user|>", "<|assistant|>", "<|system|>"],
        "add_bos_token": False, "add_eos_token": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": 256,
        "chat_template": CHAT_TEMPLATE,
        "added_tokens_decoder": {str(i): {"content": s, "lstrip": False, "normalized": False, "rstrip": False,
                                          "single_word": False, "special": True} for i, s in enumerate(SPECIALS)},
    }
    with open(os.path.join(out_dir, "tokenizer_config.json"), "w") as f:
        json.dump(cfg, f, indent=2, ensure_ascii=False)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "tokenizer")
    texts = list(corpus_texts(os.path.join(HERE, "corpus", "train.jsonl")))
    vocab, merges = train(texts)
    write(vocab, merges, out)
    tok = Tokenizer(os.path.join(out, "tokenizer.json"))
    n = sum(len(tok.encode(t)) for t in texts)
    sample = "How do I delegate my votes? [EMAIL_1] 2,048 tokens, café ✓"
    assert tok.decode(tok.encode(sample)) == sample
    print(f"tokenizer: vocab {len(vocab)} ({len(merges)} merges), {n} tokens on {len(texts)} training texts -> {out}")


if __name__ == "__main__":
    main()
