"""Llama-style decoder (RMSNorm, rotary embeddings, SwiGLU, no biases, grouped-query attention, tied embeddings).

The same module is used for training, greedy evaluation and the ONNX export with a KV cache
(inputs input_ids, attention_mask, position_ids, past keys/values; outputs logits and present keys/values).
Rotary embeddings follow Hugging Face's Llama convention (rotate_half, non-interleaved).
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

NEG = -1e9


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.h, self.kv, self.d = c["num_attention_heads"], c["num_key_value_heads"], c["head_dim"]
        hs = c["hidden_size"]
        self.q_proj = nn.Linear(hs, self.h * self.d, bias=False)
        self.k_proj = nn.Linear(hs, self.kv * self.d, bias=False)
        self.v_proj = nn.Linear(hs, self.kv * self.d, bias=False)
        self.o_proj = nn.Linear(self.h * self.d, hs, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        b, s, _ = x.shape
        q = self.q_proj(x).view(b, s, self.h, self.d).transpose(1, 2)
        k = self.k_proj(x).view(b, s, self.kv, self.d).transpose(1, 2)
        v = self.v_proj(x).view(b, s, self.kv, self.d).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        present = (k, v)
        rep = self.h // self.kv
        if rep > 1:
            t = k.shape[2]
            k = k[:, :, None].expand(b, self.kv, rep, t, self.d).reshape(b, self.h, t, self.d)
            v = v[:, :, None].expand(b, self.kv, rep, t, self.d).reshape(b, self.h, t, self.d)
        att = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.d) + mask
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, s, self.h * self.d)
        return self.o_proj(y), present


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        hs, im = c["hidden_size"], c["intermediate_size"]
        self.gate_proj = nn.Linear(hs, im, bias=False)
        self.up_proj = nn.Linear(hs, im, bias=False)
        self.down_proj = nn.Linear(im, hs, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.input_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        self.mlp = MLP(c)
        self.drop = nn.Dropout(c.get("dropout", 0.0))  # training only (identity in eval mode and in the export)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        a, present = self.self_attn(self.input_layernorm(x), cos, sin, mask, past_k, past_v)
        x = x + self.drop(a)
        x = x + self.drop(self.mlp(self.post_attention_layernorm(x)))
        return x, present


class LlamaLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.layers = nn.ModuleList([Block(c) for _ in range(c["num_hidden_layers"])])
        self.norm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        d = c["head_dim"]
        inv = 1.0 / (c["rope_theta"] ** (torch.arange(0, d, 2, dtype=torch.float32) / d))
        self.register_buffer("inv_freq", inv, persistent=False)
        self.apply(self._init)
        for n, p in self.named_parameters():
            if n.endswith("o_proj.weight") or n.endswith("down_proj.weight"):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * c["num_hidden_layers"]))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)

    def lm_head(self, x):
        return F.linear(x, self.embed_tokens.weight)

    def forward(self, input_ids, attention_mask=None, position_ids=None, past=None, return_hidden=False):
        """past: list of (k, v) per layer, each [b, kv_heads, past_len, head_dim] (may have past_len 0).
        Returns logits [b, s, vocab] and the list of present (k, v)."""
        b, s = input_ids.shape
        past_len = past[0][0].shape[2] if past is not None else 0
        if position_ids is None:
            position_ids = torch.arange(s, dtype=torch.long).unsqueeze(0).expand(b, s) + past_len
        total = past_len + s
        if attention_mask is None:
            attention_mask = torch.ones(b, total, dtype=torch.long)
        freqs = position_ids.unsqueeze(-1).float() * self.inv_freq
        emb = torch.cat([freqs, freqs], dim=-1)
        cos, sin = emb.cos().unsqueeze(1), emb.sin().unsqueeze(1)
        q_pos = torch.arange(s, dtype=torch.long).unsqueeze(1) + past_len
        k_pos = torch.arange(total, dtype=torch.long).unsqueeze(0)
        allowed = (k_pos <= q_pos).unsqueeze(0).unsqueeze(0) & (attention_mask[:, None, None, :] > 0)
        mask = (~allowed).float() * NEG
        x = self.embed_tokens(input_ids)
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = past[i] if past is not None else (None, None)
            x, pr = layer(x, cos, sin, mask, pk, pv)
            presents.append(pr)
        x = self.norm(x)
        if return_hidden:
            return x
        logits = self.lm_head(x)
        return logits, presents


def hf_config(c):
    """config.json for the exported folder (Hugging Face Llama names)."""
    return {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": c["hidden_size"],
        "intermediate_size": c["intermediate_size"],
        "num_hidden_layers": c["num_hidden_layers"],
        "num_attention_heads": c["num_attention_heads"],
        "num_key_value_heads": c["num_key_value_heads"],
        "head_dim": c["head_dim"],
        "max_position_embeddings": c["max_position_embeddings"],
        "rms_norm_eps": c["rms_norm_eps"],
        "rope_theta": c["rope_theta"],
        "hidden_act": "silu",
        "attention_bias": False,
        "mlp_bias": False,
        "vocab_size": c["vocab_size"],
        "bos_token_id": 1,
        "eos_token_id": 2,
        "pad_token_id": 0,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "use_cache": True,
    }


@torch.no_grad()
def greedy(model, ids, max_new_tokens, eos=2):
    """Greedy decoding with the KV cache (same path as the ONNX model). Returns new token ids (without eos)."""
    x = torch.tensor([ids], dtype=torch.long)
    c = model.c
    past = [(torch.zeros(1, c["num_key_value_heads"], 0, c["head_dim"]),) * 2 for _ in range(c["num_hidden_layers"])]
    out, pos = [], 0
    for _ in range(max_new_tokens):
        s = x.shape[1]
        am = torch.ones(1, pos + s, dtype=torch.long)
        pid = torch.arange(pos, pos + s).unsqueeze(0)
        logits, past = model(x, am, pid, past)
        nxt = int(logits[0, -1].argmax())
        pos += s
        if nxt == eos:
            break
        out.append(nxt)
        x = torch.tensor([[nxt]], dtype=torch.long)
    return out
